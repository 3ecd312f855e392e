/// Byte classes of RFC 9110 / RFC 9112 grammar.
///
/// The two sets are bit masks over ASCII (bit `b % 64` of word `b / 64`), written as constants:
/// a table built at start-up would be a lazily initialized global, and every parser step would
/// pay its `swift_once` check.
enum HTTPCharacterClass {
    /// `tchar`: digits, letters and ``!#$%&'*+-.^_`|~``.
    private static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000
    private static let tokenHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// Visible ASCII but for `#"<>\^`{|}`.
    private static let targetLow: UInt64 = 0xAFFF_FFF2_0000_0000
    private static let targetHigh: UInt64 = 0x47FF_FFFE_AFFF_FFFF

    /// Letters, digits and ``-._~!$&'()*+,;=:[]%``.
    private static let hostLow: UInt64 = 0x2FFF_7FF2_0000_0000
    private static let hostHigh: UInt64 = 0x47FF_FFFE_AFFF_FFFE

    @inline(__always)
    private static func isMember(_ byte: UInt8, low: UInt64, high: UInt64) -> Bool {
        guard byte < 0x80 else { return false }
        return (byte < 0x40 ? low : high) >> UInt64(byte & 0x3F) & 1 == 1
    }

    /// `tchar` (RFC 9110 §5.6.2): what methods and field names are made of.
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool { isMember(byte, low: tokenLow, high: tokenHigh) }

    /// `field-vchar / SP / HTAB` (obs-text allowed): no controls, no DEL.
    @inline(__always)
    static func isFieldValue(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether `byte` may appear in a request target: visible ASCII except `#` (a fragment is
    /// never sent) and the characters RFC 3986 excludes outright (`"`, `<`, `>`, `\`, `^`, `` ` ``,
    /// `{`, `|`, `}`).
    @inline(__always)
    static func isTarget(_ byte: UInt8) -> Bool { isMember(byte, low: targetLow, high: targetHigh) }

    /// Whether every UTF-8 byte of `text` is in `class`, over the string's contiguous storage
    /// (iterating a `String.UTF8View` byte by byte is several times slower).
    @inline(__always)
    static func all(of text: String, are `class`: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where !`class`(byte) { return false }
            return true
        }
    }

    /// Whether `byte` may appear in a `Host` header: reg-name, IP literal and port characters
    /// (RFC 3986 §3.2.2).
    @inline(__always)
    static func isHost(_ byte: UInt8) -> Bool { isMember(byte, low: hostLow, high: hostHigh) }
}
