/// Writes numbers as JSON text straight into a byte buffer.
///
/// Doubles use the shortest text that reads back as the same double. Prices and volumes
/// are almost always short decimals, so the fast path tries 0…9 fraction digits: with
/// `m = round(value × 10^k)` below 2^53, `Double(m) / 10^k` is a correctly rounded division
/// of two exact values, so when it equals `value` the digits of `m` with `k` decimals parse
/// back to exactly `value`. Anything else (huge, tiny, many digits) falls back to Swift's own
/// shortest round-trip `description`. Non-finite values become `null` (JSON has no NaN).
public enum JSONNumberWriter {
    @usableFromInline static let powers: [Double] = (0...9).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// Appends `value` (or `null` when it is not finite).
    @inlinable
    public static func append(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else { output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]); return }
        let magnitude = value.magnitude
        if magnitude < 1e9 {
            for digits in 0...9 {
                let scaled = (magnitude * powers[digits]).rounded()
                guard scaled < 9_007_199_254_740_992 else { break }
                if scaled / powers[digits] == magnitude {
                    if value < 0 { output.append(UInt8(ascii: "-")) }
                    appendDecimal(UInt64(scaled), fractionDigits: digits, to: &output)
                    return
                }
            }
        }
        output.append(contentsOf: value.description.utf8)
    }

    /// Appends a decimal integer.
    @inlinable
    public static func append(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude, fractionDigits: 0, to: &output)
    }

    /// Appends `units` with a decimal point before the last `fractionDigits` digits.
    @inlinable
    static func appendDecimal(_ units: UInt64, fractionDigits: Int, to output: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 24 digits, no heap
        var count = 0
        var rest = units
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count <= fractionDigits
            for index in stride(from: count - 1, through: 0, by: -1) {
                if index == fractionDigits - 1 { output.append(UInt8(ascii: ".")) }
                output.append(buffer[index])
            }
        }
    }
}
