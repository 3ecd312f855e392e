import LakeCore

/// Renders one cell of a column as text for people and for JSON/CSV: numbers in their
/// shortest round-trip form, times as RFC 3339 with the column's precision, decimals
/// exactly, binary as hex.
enum CellFormatter {
    /// Whether the cell's text is a JSON string (quoted) rather than a number/boolean literal.
    enum Shape { case literal, text }

    /// Appends the text of row `row` of `column` (not null) and says how JSON should quote it.
    static func append(_ column: Column, row: Int, to output: inout [UInt8]) -> Shape {
        let kind = column.descriptor.kind
        switch column.values {
        case .boolean(let values):
            output.append(contentsOf: values[row] ? "true".utf8 : "false".utf8)
            return .literal
        case .int32(let values): return appendInteger(Int64(values[row]), kind: kind, bitWidth: 32, to: &output)
        case .int64(let values): return appendInteger(values[row], kind: kind, bitWidth: 64, to: &output)
        case .int96(let values):
            let value = values[row]
            if let nanos = value.epochNanoseconds {
                RFC3339.append(nanos, unit: .nanoseconds, to: &output)
            } else {
                RFC3339.append(value.epochMicroseconds, unit: .microseconds, to: &output)
            }
            return .text
        case .float(let values): return appendFloating(Double(values[row]), text: values[row].description, to: &output)
        case .double(let values): return appendFloating(values[row], text: values[row].description, to: &output)
        case .bytes(let values): return appendBytes(values[row], kind: kind, to: &output)
        }
    }

    private static func appendFloating(_ value: Double, text: String, to output: inout [UInt8]) -> Shape {
        output.append(contentsOf: text.utf8)
        return value.isFinite ? .literal : .text
    }

    private static func appendInteger(_ raw: Int64, kind: ValueKind, bitWidth: Int, to output: inout [UInt8]) -> Shape {
        switch kind {
        case .timestamp(let unit, let utc):
            RFC3339.append(raw, unit: unit, to: &output)
            if !utc { output.removeLast() }   // wall-clock time of no zone: no "Z"
            return .text
        case .date:
            RFC3339.appendDate(CivilDate(daysSinceEpoch: raw), to: &output)
            return .text
        case .time(let unit):
            var text: [UInt8] = []
            RFC3339.append(raw, unit: unit, to: &text)
            output.append(contentsOf: text[11..<(text.count - 1)])
            return .text
        case .decimal(let scale, _):
            appendDecimal(Int128(raw), scale: scale, to: &output)
            return .literal
        case .integer(let width, false):
            let unsigned = bitWidth == 32 || width <= 32 ? UInt64(UInt32(truncatingIfNeeded: raw)) : UInt64(bitPattern: raw)
            output.append(contentsOf: unsigned.description.utf8)
            return .literal
        default:
            output.append(contentsOf: raw.description.utf8)
            return .literal
        }
    }

    private static func appendBytes(_ bytes: ArraySlice<UInt8>, kind: ValueKind, to output: inout [UInt8]) -> Shape {
        switch kind {
        case .string:
            output.append(contentsOf: bytes)
            return .text
        case .decimal(let scale, _) where bytes.count <= 16:
            var value: Int128 = bytes.first.map { $0 & 0x80 != 0 ? -1 : 0 } ?? 0
            for byte in bytes { value = value << 8 | Int128(byte) }
            appendDecimal(value, scale: scale, to: &output)
            return .literal
        case .float16 where bytes.count == 2:
            let bits = UInt16(bytes[bytes.startIndex]) | UInt16(bytes[bytes.startIndex + 1]) << 8
            let value = Float(Float16(bitPattern: bits))
            return appendFloating(Double(value), text: value.description, to: &output)
        case .uuid where bytes.count == 16:
            for (index, byte) in bytes.enumerated() {
                if [4, 6, 8, 10].contains(index) { output.append(UInt8(ascii: "-")) }
                appendHex(byte, to: &output)
            }
            return .text
        default:
            for byte in bytes { appendHex(byte, to: &output) }
            return .text
        }
    }

    private static func appendHex(_ byte: UInt8, to output: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }

    /// `unscaled × 10^-scale` exactly, e.g. 12345 with scale 2 → `123.45`.
    static func appendDecimal(_ unscaled: Int128, scale: Int, to output: inout [UInt8]) {
        var digits = Array(unscaled.magnitude.description.utf8)
        if unscaled < 0 { output.append(UInt8(ascii: "-")) }
        guard scale > 0 else {
            output.append(contentsOf: digits)
            for _ in 0..<(-scale) { output.append(UInt8(ascii: "0")) }
            return
        }
        if digits.count <= scale { digits = Array(repeating: UInt8(ascii: "0"), count: scale - digits.count + 1) + digits }
        output.append(contentsOf: digits[..<(digits.count - scale)])
        output.append(UInt8(ascii: "."))
        output.append(contentsOf: digits[(digits.count - scale)...])
    }
}
