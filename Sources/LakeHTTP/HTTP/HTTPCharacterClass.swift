/// Byte classes of RFC 9110 / RFC 9112 grammar, as 256-entry lookup tables.
enum HTTPCharacterClass {
    private static let tokenTable: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    /// `tchar` (RFC 9110 §5.6.2): what methods and field names are made of.
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

    /// `field-vchar / SP / HTAB` (obs-text allowed): no controls, no DEL.
    @inline(__always)
    static func isFieldValue(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Bytes allowed in a request target: visible ASCII except `#` (a fragment is never sent)
    /// and the characters RFC 3986 excludes outright (`"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`).
    private static let targetTable: [Bool] = (0..<256).map { byte in
        guard byte > 0x20 && byte < 0x7F else { return false }
        return !"#\"<>\\^`{|}".utf8.contains(UInt8(byte))
    }

    /// Whether `byte` may appear in a request target.
    @inline(__always)
    static func isTarget(_ byte: UInt8) -> Bool { targetTable[Int(byte)] }
}
