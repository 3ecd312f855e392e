/// Percent-encoding as SigV4 defines it: every byte except the unreserved set
/// `A-Z a-z 0-9 - _ . ~` becomes `%XX` with upper-case hex.
public enum URIEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Byte classes: bit 0 = unreserved, bit 1 = unreserved or `/`.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 3 }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = 3 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 3 }
        for byte in "-_.~".utf8 { table[Int(byte)] = 3 }
        table[Int(UInt8(ascii: "/"))] = 2
        return table
    }()

    /// Appends `text` encoded; `keepSlash` leaves `/` alone (object keys in paths).
    @inline(__always)
    public static func append(_ text: some StringProtocol, keepSlash: Bool, to output: inout [UInt8]) {
        append(bytes: text.utf8, keepSlash: keepSlash, to: &output)
    }

    /// Appends UTF-8 `bytes` encoded; `keepSlash` leaves `/` alone.
    @inline(__always)
    public static func append(bytes: some Sequence<UInt8>, keepSlash: Bool, to output: inout [UInt8]) {
        let mask: UInt8 = keepSlash ? 2 : 1
        for byte in bytes {
            if table[Int(byte)] & mask != 0 {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0f)])
            }
        }
    }

    /// `text` encoded as a query key or value (`/` encoded too).
    public static func encodeComponent(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        append(text, keepSlash: false, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `path` encoded once with `/` kept, as S3 signs object keys.
    public static func encodePath(_ path: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(path.utf8.count)
        append(path, keepSlash: true, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and nothing else); nil when an escape is malformed or
    /// the result is not UTF-8.
    public static func decode(_ text: some StringProtocol) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { output.append(byte); continue }
            guard let high = iterator.next().flatMap(Hex.value(ofDigit:)), let low = iterator.next().flatMap(Hex.value(ofDigit:)) else { return nil }
            output.append(high << 4 | low)
        }
        return String(validating: output, as: UTF8.self)
    }
}
