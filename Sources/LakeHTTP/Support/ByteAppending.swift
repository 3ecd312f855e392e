extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` without an intermediate array (and without copying
    /// the string, which `withUTF8` on a `var` would: a retain and release per header).
    @inlinable
    mutating func append(ascii text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }

    /// Appends the bytes of `other` through its buffer: `append(contentsOf:)` takes its argument
    /// owned, a retain and release per call.
    @inlinable
    mutating func append(bytesOf other: [UInt8]) {
        other.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends the decimal digits of a non-negative integer.
    @inlinable
    mutating func append(decimal value: Int) {
        precondition(value >= 0, "negative lengths do not exist")
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &scratch) { raw in
            var remaining = value, position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
                remaining /= 10
            } while remaining > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Appends the lowercase hexadecimal digits of a non-negative integer (chunk sizes).
    @inlinable
    mutating func append(hex value: Int) {
        let digits = String(value, radix: 16)
        append(ascii: digits)
    }
}
