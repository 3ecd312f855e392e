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
/// Digits come four at a time from a 40 KB table of `"0000"` … `"9999"`, eight to a machine
/// word, and are stored a word at a time; leading and trailing zeros are counted on the word,
/// so the fast paths have no loop or branch that depends on the digits and a short chain of
/// dependent instructions (digit pairs divided out one after another took ~40 % longer). A
/// write may therefore fill bytes past the count it returns, never past ``maxLength``.
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
        let magnitude = value.magnitude
        if magnitude < 1e7 {
            // Signed conversions: one instruction each way on x86-64 (unsigned ones are not).
            let units = Int64(magnitude * 1e8 + 0.5)
            if Double(units) / 1e8 == magnitude {
                start.pointee = UInt8(ascii: "-")
                let signCount = value.sign == .minus ? 1 : 0
                let whole = units / 100_000_000
                let wholeCount = writeTrimmingLeadingZeros(UInt32(truncatingIfNeeded: whole), to: start + signCount)
                // "." and all eight decimals, then keep them up to the last non-zero one (and
                // no "." when there is none).
                let point = start + signCount + wholeCount
                let decimals = eightDigits(UInt32(truncatingIfNeeded: units &- whole &* 100_000_000))
                point.pointee = UInt8(ascii: ".")
                store(decimals, at: point + 1)
                let decimalCount = 8 &- (decimals ^ asciiZeros).leadingZeroBitCount &>> 3
                return signCount + wholeCount + decimalCount + (decimalCount == 0 ? 0 : 1)
            }
        }
        return writeOutsideFastPath(value, to: start)
    }

    /// Non-finite values, integers from 10^7 to 2^53, and what needs more than eight decimals.
    @usableFromInline
    static func writeOutsideFastPath(_ value: Double, to start: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return write("null", to: start) }
        var position = start
        if value.sign == .minus {
            position.pointee = UInt8(ascii: "-")
            position += 1
        }
        let magnitude = value.magnitude
        if magnitude <= 0x1p53, magnitude == magnitude.rounded(.towardZero) {
            return position - start + writeDigits(UInt64(magnitude), to: position)
        }
        return position - start + write(magnitude.description, to: position)
    }

    /// Writes `value` at `start`, which has room for ``maxLength`` bytes; returns the count.
    @inlinable
    public static func write(_ value: Int64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        start.pointee = UInt8(ascii: "-")
        let signCount = value < 0 ? 1 : 0
        return signCount + writeDigits(value.magnitude, to: start + signCount)
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

    /// The decimal digits of `value` (no leading zeros, "0" for 0); returns how many. Fills
    /// eight bytes past the last digit at most.
    @inlinable @inline(__always)
    static func writeDigits(_ value: UInt64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 100_000_000 { return writeTrimmingLeadingZeros(UInt32(truncatingIfNeeded: value), to: start) }
        if value < 10_000_000_000_000_000 {
            let high = value / 100_000_000
            let count = writeTrimmingLeadingZeros(UInt32(truncatingIfNeeded: high), to: start)
            store(eightDigits(UInt32(truncatingIfNeeded: value &- high &* 100_000_000)), at: start + count)
            return count + 8
        }
        let high = value / 10_000_000_000_000_000
        let rest = value &- high &* 10_000_000_000_000_000
        let middle = rest / 100_000_000
        let count = writeTrimmingLeadingZeros(UInt32(truncatingIfNeeded: high), to: start)
        store(eightDigits(UInt32(truncatingIfNeeded: middle)), at: start + count)
        store(eightDigits(UInt32(truncatingIfNeeded: rest &- middle &* 100_000_000)), at: start + count + 8)
        return count + 16
    }

    /// The digits of `value` (< 10^8) without leading zeros ("0" for 0); returns how many.
    /// Stores all eight bytes of the word whatever the count.
    @inlinable @inline(__always)
    static func writeTrimmingLeadingZeros(_ value: UInt32, to start: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = eightDigits(value)
        // Leading "0"s sit in the low bytes; keep at least the last digit.
        let leadingZeros = min((digits ^ asciiZeros).trailingZeroBitCount &>> 3, 7)
        store(digits &>> (leadingZeros &<< 3), at: start)
        return 8 &- leadingZeros
    }

    /// `value` (< 10^8) as eight ASCII digits, zero-padded, in one word whose lowest byte is
    /// the first digit (so a little-endian store writes them in reading order).
    @inlinable @inline(__always)
    static func eightDigits(_ value: UInt32) -> UInt64 {
        let high = value / 10_000
        let low = value &- high &* 10_000
        let table = UnsafeRawPointer(fourDigitTable.utf8Start)
        return UInt64(table.loadUnaligned(fromByteOffset: 4 &* Int(high), as: UInt32.self).littleEndian)
            | UInt64(table.loadUnaligned(fromByteOffset: 4 &* Int(low), as: UInt32.self).littleEndian) &<< 32
    }

    /// Eight bytes at `position`, lowest byte first.
    @inlinable @inline(__always)
    static func store(_ word: UInt64, at position: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(position).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    /// Eight ASCII "0"s in one word.
    @usableFromInline
    static let asciiZeros: UInt64 = 0x3030_3030_3030_3030

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
}
