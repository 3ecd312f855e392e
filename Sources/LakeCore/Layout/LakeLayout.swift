/// The lake's key layout under one base prefix: parses object keys into ``PartitionKey``s
/// and formats them back.
///
/// Build one per configured prefix and reuse it: a sync parses every listed key, so parsing
/// works on the key's bytes in one pass and allocates only the values it returns.
///
/// ```swift
/// let layout = try LakeLayout(basePrefix: "processed")
/// let key = try layout.parse("processed/timeframe=15m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=11/day=03/part-0.parquet")
/// layout.objectKey(for: key)   // the same key, month and day zero-padded
/// ```
public struct LakeLayout: Hashable, Sendable {
    /// The normalised base prefix (no surrounding slashes; empty for the bucket root).
    public let basePrefix: String
    /// The prefix as it starts every key: `basePrefix/`, or nothing.
    private let keyPrefix: [UInt8]

    /// A layout under `basePrefix` (surrounding slashes ignored).
    /// - Throws: ``LayoutError`` for `//`, `.`/`..` segments or control characters.
    public init(basePrefix: String = "") throws(LayoutError) {
        self.basePrefix = try PartitionKey.normalizedPrefix(basePrefix)
        self.keyPrefix = self.basePrefix.isEmpty ? [] : Array((self.basePrefix + "/").utf8)
    }

    /// The full key of `partition` under this layout's prefix.
    public func objectKey(for partition: PartitionKey) -> String {
        partition.objectKey(basePrefix: basePrefix)
    }

    /// Parses an object key; see ``PartitionKey/init(parsing:basePrefix:)`` for what is
    /// accepted and refused.
    public func parse(_ key: String) throws(LayoutError) -> PartitionKey {
        guard key.utf8.count <= PartitionKey.maximumKeyLength else {
            throw LayoutError(.tooLong, "key is longer than \(PartitionKey.maximumKeyLength) bytes")
        }
        let bytes = Array(key.utf8)
        guard bytes.first != UInt8(ascii: "/") else { throw LayoutError(.absolutePath, "key '\(key)' must not start with '/'") }
        for byte in bytes where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
            throw LayoutError(.invalidCharacter, "key contains the character U+\(String(byte, radix: 16, uppercase: true))")
        }
        var reader = try KeySegmentReader(bytes: bytes, key: key)
        guard bytes.starts(with: keyPrefix), bytes.count > keyPrefix.count else {
            throw LayoutError(.outsidePrefix, "key '\(key)' is not inside the lake prefix '\(basePrefix)/'")
        }
        reader.skip(toByte: keyPrefix.count)

        let timeframeText = try reader.take("timeframe")
        let timeframe: Timeframe
        do {
            timeframe = try Timeframe(parsing: timeframeText)
        } catch {
            throw LayoutError(.invalidValue, error.description)
        }
        guard timeframe.canonical == timeframeText else {
            throw LayoutError(.invalidValue, "timeframe '\(timeframeText)' is not canonical; write '\(timeframe.canonical)'")
        }
        let exchange = try reader.take("exchange")
        let symbol = try reader.take("symbol")
        let year = try Self.number(reader.take("year"), name: "year", digits: 4...4)
        let month = try reader.takeIfPresent("month").map { text throws(LayoutError) in try Self.number(text, name: "month", digits: 1...2) }
        let day = try month == nil ? nil : reader.takeIfPresent("day").map { text throws(LayoutError) in try Self.number(text, name: "day", digits: 1...2) }
        let fileName = try reader.fileName()
        return try PartitionKey(timeframe: timeframe, exchange: exchange, symbol: symbol, year: year, month: month, day: day,
                                fileName: fileName)
    }

    private static func number(_ text: String, name: String, digits: ClosedRange<Int>) throws(LayoutError) -> Int {
        guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let value = Int(text) else {
            let width = digits.count == 1 ? "\(digits.lowerBound)" : "\(digits.lowerBound) or \(digits.upperBound)"
            throw LayoutError(.invalidValue, "\(name) '\(text)' must be \(width) digits")
        }
        return value
    }
}
