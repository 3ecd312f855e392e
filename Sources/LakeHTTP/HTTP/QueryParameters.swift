/// Decoded `application/x-www-form-urlencoded` query parameters, in order, keys may repeat.
///
/// `?symbol=A%20B&tag=x&tag=y&q=a+b` gives `["symbol": "A B"]`, `values("tag") == ["x", "y"]`
/// and `"a b"` for `q` (`+` is a space in queries).
public struct QueryParameters: Sendable, Sequence {
    /// The decoded pairs in order.
    public let pairs: [(key: String, value: String)]

    /// Parses a raw query string (without the `?`). Malformed escapes are kept literally.
    public init(parsing query: Substring) {
        var pairs: [(key: String, value: String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = part.firstIndex(of: "=") {
                pairs.append((QueryParameters.decode(part[..<equals]), QueryParameters.decode(part[part.index(after: equals)...])))
            } else {
                pairs.append((QueryParameters.decode(part), ""))
            }
        }
        self.pairs = pairs
    }

    /// The first value of `key`.
    public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// Every value of `key`, in order.
    public func values(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    /// Iterates the pairs in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }

    /// Percent-decodes `text`, turning `+` into a space when `plusIsSpace` (queries); invalid
    /// escapes stay as they are and invalid UTF-8 becomes U+FFFD.
    public static func decode(_ text: Substring, plusIsSpace: Bool = true) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || ($0 == UInt8(ascii: "+") && plusIsSpace) }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high != utf8.endIndex,
               let low = utf8.index(high, offsetBy: 1, limitedBy: utf8.endIndex), low != utf8.endIndex,
               let h = HTTPRequestParser.hexValue(utf8[high]), let l = HTTPRequestParser.hexValue(utf8[low]) {
                bytes.append(UInt8(h * 16 + l))
                index = utf8.index(after: low)
                continue
            }
            bytes.append(byte == UInt8(ascii: "+") && plusIsSpace ? UInt8(ascii: " ") : byte)
            index = utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
