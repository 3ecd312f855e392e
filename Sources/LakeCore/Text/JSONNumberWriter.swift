/// Writes numbers as JSON text straight into bytes: into memory the caller sized (``write(_:to:)-(Double,_)``,
/// at most ``maxLength`` bytes each) or onto a byte array (``append(_:to:)-(Double,_)``).
///
/// Doubles use the shortest text that reads back as the same double. Prices and volumes are
/// almost always short decimals, so the fast path takes |value| < 10^7 to eight decimals in
/// integer arithmetic: `m = round(|value| × 10^8)` is exact below 2^53, and `Double(m) / 10^8`
/// is the correctly rounded quotient of two exact values, so when it equals |value| the digits
/// of `m` (trailing zeros dropped) read back as exactly that value. Below 10^7 the rounding of
/// `|value| × 10^8` errs by less than 0.25, so a value whose shortest form has at most eight
/// decimals always takes this path, and then it prints exactly that shortest form. Integers up
/// to 2^53 print as integers; anything else (more digits, tiny or huge magnitudes) falls back
/// to Swift's own shortest round-trip `description`. Non-finite values become `null` (JSON has
/// no NaN); -0 stays `-0`.
///
/// ```swift
/// var text: [UInt8] = []
/// JSONNumberWriter.append(101.23, to: &text)   // "101.23"
/// JSONNumberWriter.append(0.1 + 0.2, to: &text) // "0.30000000000000004"
/// ```
public enum JSONNumberWriter {
    /// The most bytes one number takes (`-1.7976931348623157e+308` is 24, an `Int64` 20).
    public static let maxLength = 32

    /// Writes `value` at `start`, which has room for ``maxLength`` bytes; returns the count.
    @inlinable
    public static func write(_ value: Double, to start: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return write("null", to: start) }
        var position = start
        if value.sign == .minus {
            position.pointee = UInt8(ascii: "-")
            position += 1
        }
        let magnitude = value.magnitude
        if magnitude < 1e7 {
            // Signed conversions: one instruction each way on x86-64 (unsigned ones are not).
            let units = Int64(magnitude * 1e8 + 0.5)
            if Double(units) / 1e8 == magnitude {
                let whole = units / 100_000_000
                position += writeDigits(UInt64(whole), to: position)
                var fraction = UInt64(units - whole * 100_000_000)
                if fraction != 0 {
                    // At most seven trailing zeros (the fraction is not 0): drop 4, 2, 1.
                    var width = 8
                    if fraction % 10_000 == 0 { fraction /= 10_000; width -= 4 }
                    if fraction % 100 == 0 { fraction /= 100; width -= 2 }
                    if fraction % 10 == 0 { fraction /= 10; width -= 1 }
                    position.pointee = UInt8(ascii: ".")
                    writeDigits(fraction, width: width, to: position + 1)
                    position += 1 + width
                }
                return position - start
            }
        } else if magnitude <= 0x1p53, magnitude == magnitude.rounded(.towardZero) {
            return position - start + writeDigits(UInt64(magnitude), to: position)
        }
        return position - start + write(magnitude.description, to: position)
    }

    /// Writes `value` at `start`, which has room for ``maxLength`` bytes; returns the count.
    @inlinable
    public static func write(_ value: Int64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return writeDigits(UInt64(value), to: start) }
        start.pointee = UInt8(ascii: "-")
        return 1 + writeDigits(value.magnitude, to: start + 1)
    }

    /// Appends `value` (or `null` when it is not finite).
    @inlinable
    public static func append(_ value: Double, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(value, to: buffer.baseAddress!)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Appends a decimal integer.
    @inlinable
    public static func append(_ value: Int64, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(value, to: buffer.baseAddress!)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The decimal digits of `value`; returns how many.
    @inlinable @inline(__always)
    static func writeDigits(_ value: UInt64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(value)
        writeDigits(value, width: count, to: start)
        return count
    }

    /// The last `width` decimal digits of `value`, zero-padded on the left: filled in from the
    /// end two at a time from a pair table, which halves the chain of dependent divisions.
    @inlinable @inline(__always)
    static func writeDigits(_ value: UInt64, width: Int, to start: UnsafeMutablePointer<UInt8>) {
        var end = start + width
        var remaining = value
        let pairs = digitPairs.utf8Start
        while end - start >= 2 {
            end -= 2
            end.update(from: pairs + 2 * Int(remaining % 100), count: 2)
            remaining /= 100
        }
        if end > start { start.pointee = UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0") }
    }

    /// How many decimal digits `value` has (1 for 0), by comparisons (at most one division).
    @inlinable @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        if value < 100_000_000 { return digitCount(below100Million: value) }
        if value < 10_000_000_000_000_000 { return 8 + digitCount(below100Million: value / 100_000_000) }
        return 16 + digitCount(below100Million: value / 10_000_000_000_000_000)
    }

    @inlinable @inline(__always)
    static func digitCount(below100Million value: UInt64) -> Int {
        if value < 10_000 { return value < 100 ? (value < 10 ? 1 : 2) : (value < 1_000 ? 3 : 4) }
        return value < 1_000_000 ? (value < 100_000 ? 5 : 6) : (value < 10_000_000 ? 7 : 8)
    }

    /// Copies ASCII `text` (at most ``maxLength`` bytes here) to `start`; returns the count.
    @usableFromInline
    static func write(_ text: String, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        for byte in text.utf8 {
            start[count] = byte
            count += 1
        }
        return count
    }

    /// "00", "01", … "99" back to back: a literal in the binary (a computed property, so no
    /// lazy global initialisation is checked on each use).
    @inlinable
    static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }
}
