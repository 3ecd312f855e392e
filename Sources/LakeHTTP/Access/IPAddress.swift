/// An IPv4 or IPv6 address as 128 bits; IPv4 addresses are held in their IPv4-mapped IPv6
/// form (`::ffff:a.b.c.d`), so `1.2.3.4` and `::ffff:1.2.3.4` are the same client — which is
/// what a dual-stack listener reports for an IPv4 peer.
///
/// Parsing is strict and allocation-free: dotted quads of exactly four decimal parts (no
/// leading zeros, which some parsers read as octal), RFC 4291 IPv6 text with at most one `::`
/// and an optional dotted-quad tail. No zone ids, no brackets, no surrounding spaces.
///
/// ```swift
/// let address = try #require(IPAddress("2001:db8::1"))
/// IPAddress(peer: "127.0.0.1:53211")   // the address part of RequestContext.remoteAddress
/// ```
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, most significant bit first (`::1` is 1).
    public let bits: UInt128

    /// The address with these 128 bits.
    public init(bits: UInt128) {
        self.bits = bits
    }

    /// The IPv4-mapped address of `ipv4` (host byte order, `0x7f000001` is 127.0.0.1).
    public init(ipv4: UInt32) {
        self.init(bits: 0xffff_0000_0000 | UInt128(ipv4))
    }

    /// Parses `text` as an IPv4 or IPv6 address; nil unless it is exactly one.
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        guard let parsed = text.withUTF8({ IPAddress.parse($0) }) else { return nil }
        self = parsed
    }

    /// The address of a peer as ``RequestContext/remoteAddress`` spells it (`"1.2.3.4:80"`,
    /// `"[::1]:80"`); nil for anything else (a Unix socket, a test's made-up name).
    public init?(peer: String) {
        var peer = peer
        guard let parsed = peer.withUTF8({ bytes -> IPAddress? in
            guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return nil }
            if bytes.first == UInt8(ascii: "[") {
                guard colon > 1, bytes[colon - 1] == UInt8(ascii: "]") else { return nil }
                return IPAddress.parse(UnsafeBufferPointer(rebasing: bytes[1..<(colon - 1)]))
            }
            return IPAddress.parse(UnsafeBufferPointer(rebasing: bytes[..<colon]))
        }) else { return nil }
        self = parsed
    }

    /// Whether this is an IPv4 address (held IPv4-mapped).
    public var isIPv4: Bool { bits >> 32 == 0xffff }

    /// Dotted quad for IPv4, else the 8 groups in hex with the longest run of zeros as `::`
    /// (RFC 5952).
    public var description: String {
        if isIPv4 {
            let value = UInt32(truncatingIfNeeded: bits)
            return (0..<4).map { String((value >> (24 - 8 * UInt32($0))) & 0xff) }.joined(separator: ".")
        }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: bits >> (112 - 16 * $0)) }
        var best = (start: -1, length: 0), run = (start: -1, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        guard best.length >= 2 else { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[..<best.start].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(best.start + best.length)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }

    // MARK: - Parsing

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        if !bytes.contains(UInt8(ascii: ":")) { return parseIPv4(bytes).map(IPAddress.init(ipv4:)) }
        return parseIPv6(bytes)
    }

    /// Exactly four decimal parts of 0…255 without leading zeros.
    private static func parseIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0, part: UInt32 = 0, digits = 0, parts = 0
        var leadingZero = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                (part, digits, leadingZero, parts) = (0, 0, false, parts + 1)
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), !leadingZero, digits < 3 else { return nil }
            if digits == 0, byte == UInt8(ascii: "0") { leadingZero = true }
            part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
            digits += 1
            guard part <= 255 else { return nil }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    /// Up to eight 1–4 digit hex groups, at most one `::`, and an IPv4 tail in place of the
    /// last two groups.
    private static func parseIPv6(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var groups: UInt128 = 0               // the groups read so far, the last one lowest
        var count = 0, gap = -1               // groups read; how many stood before `::`
        var index = 0
        let end = bytes.count
        if end >= 2, bytes[0] == UInt8(ascii: ":"), bytes[1] == UInt8(ascii: ":") {
            gap = 0
            index = 2
        } else if end >= 1, bytes[0] == UInt8(ascii: ":") {
            return nil
        }
        while index < end {
            var value: UInt128 = 0, digits = 0, cursor = index
            while cursor < end, let digit = hexValue(bytes[cursor]) {
                guard digits < 4 else { return nil }
                value = value << 4 | UInt128(digit)
                digits += 1
                cursor += 1
            }
            if cursor < end, bytes[cursor] == UInt8(ascii: ".") {
                // A dotted-quad tail: the rest of the text, as the last two groups.
                guard count <= 6, let ipv4 = parseIPv4(UnsafeBufferPointer(rebasing: bytes[index..<end])) else { return nil }
                groups = groups << 32 | UInt128(ipv4)
                count += 2
                break
            }
            guard digits > 0, count < 8 else { return nil }
            groups = groups << 16 | value
            count += 1
            index = cursor
            guard index < end else { break }
            guard bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < end, bytes[index] == UInt8(ascii: ":") {
                guard gap < 0 else { return nil }
                gap = count
                index += 1
            } else if index == end {
                return nil   // a trailing single colon
            }
        }
        guard gap >= 0 else { return count == 8 ? IPAddress(bits: groups) : nil }
        guard count <= 7 else { return nil }
        // `::` stands for the zero groups between the head (before it) and the tail.
        let tailBits = 16 * (count - gap)
        let tail = tailBits == 0 ? 0 : groups & (UInt128.max >> (128 - tailBits))
        let head = tailBits == 128 ? 0 : groups >> tailBits
        return IPAddress(bits: gap == 0 ? tail : head << (16 * (8 - gap)) | tail)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
