/// A tiny JSON writer whose output matches Python's `json.dumps` defaults byte for byte:
/// `", "` and `": "` separators and `ensure_ascii` escaping (`\u00e9`, surrogate pairs).
struct PythonStyleJSON {
    private(set) var bytes: [UInt8] = []
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends literal JSON punctuation.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a quoted, escaped string.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "\n": raw("\\n")
            case "\r": raw("\\r")
            case "\t": raw("\\t")
            case "\u{08}": raw("\\b")
            case "\u{0C}": raw("\\f")
            case " "..."~": bytes.append(UInt8(scalar.value))
            default:
                for unit in String(scalar).utf16 { escape(unit) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ unit: UInt16) {
        raw("\\u")
        for shift in [12, 8, 4, 0] { bytes.append(Self.hex[Int(unit >> UInt16(shift) & 0xf)]) }
    }
}
