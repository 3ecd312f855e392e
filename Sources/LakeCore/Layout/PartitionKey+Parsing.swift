extension PartitionKey {
    /// Parses an object key under `basePrefix` (empty for a lake at the bucket root).
    ///
    /// Accepted: the layout's segments in order, month/day padded or not, `=` written as
    /// `%3D` (any `%XX` escape is decoded per segment, as S3 listings with URL encoding
    /// return them). Refused, each with a ``LayoutError`` naming the problem: keys longer
    /// than ``maximumKeyLength``, absolute keys, `//`, `.`/`..` segments, control characters
    /// or backslashes, keys outside the prefix, segments out of order or unknown, a
    /// non-canonical timeframe (`5min` instead of `5m`), impossible dates (month 13,
    /// April 31, February 29 of a common year), a depth coarser than the timeframe allows,
    /// bad symbols or exchanges, and files other than `.parquet`, `.csv`, `.csv.gz`.
    public init(parsing key: String, basePrefix: String = "") throws(LayoutError) {
        let prefix = try Self.normalizedPrefix(basePrefix)
        guard key.utf8.count <= Self.maximumKeyLength else {
            throw LayoutError(.tooLong, "key is longer than \(Self.maximumKeyLength) bytes")
        }
        guard !key.hasPrefix("/") else { throw LayoutError(.absolutePath, "key '\(key)' must not start with '/'") }
        let rawSegments = try Self.checkedSegments(key, what: "key")
        let prefixSegments = prefix.isEmpty ? [] : prefix.split(separator: "/").map(String.init)
        guard rawSegments.count > prefixSegments.count, rawSegments.starts(with: prefixSegments) else {
            throw LayoutError(.outsidePrefix, "key '\(key)' is not inside the lake prefix '\(prefix)/'")
        }
        var reader = SegmentReader(segments: try rawSegments.dropFirst(prefixSegments.count).map(Self.percentDecoded))

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
        try self.init(timeframe: timeframe, exchange: exchange, symbol: symbol, year: year, month: month, day: day,
                      fileName: fileName)
    }

    /// A base prefix without surrounding slashes (`"/processed/"` → `"processed"`; `""` stays
    /// empty). - Throws: ``LayoutError`` for `//`, `.`/`..` segments or control characters.
    public static func normalizedPrefix(_ prefix: String) throws(LayoutError) -> String {
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return "" }
        guard trimmed.utf8.count < maximumKeyLength else { throw LayoutError(.tooLong, "prefix is too long") }
        return try checkedSegments(String(trimmed), what: "prefix").joined(separator: "/")
    }

    /// Splits on `/`, refusing empty, `.` and `..` segments, backslashes and control characters.
    private static func checkedSegments(_ path: String, what: String) throws(LayoutError) -> [String] {
        if let bad = path.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            throw LayoutError(.invalidCharacter, "\(what) contains the character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for segment in segments {
            if segment.isEmpty { throw LayoutError(.emptySegment, "\(what) '\(path)' has an empty segment ('//' or a trailing '/')") }
            if segment == "." || segment == ".." { throw LayoutError(.traversal, "\(what) '\(path)' has a '\(segment)' segment") }
        }
        return segments
    }

    /// Decodes `%XX` escapes; the result must be UTF-8 and hold no `/` or control character.
    private static func percentDecoded(_ segment: String) throws(LayoutError) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw LayoutError(.badEscape, "segment '\(segment)' has a '%' not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self),
              !bytes.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F }) else {
            throw LayoutError(.badEscape, "segment '\(segment)' decodes to a character a key may not hold")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
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

/// Walks the decoded segments after the prefix: `name=value` fields in order, then the file.
private struct SegmentReader {
    var segments: ArraySlice<String>
    var lastField = "the prefix"

    init(segments: [String]) {
        self.segments = segments[...]
    }

    /// The value of the required field `name`, which must come next and leave a file name.
    mutating func take(_ name: String) throws(LayoutError) -> String {
        guard let segment = segments.first else {
            throw LayoutError(.missingSegment, "key ends after \(lastField); expected '\(name)=…'")
        }
        guard let value = value(of: segment, named: name) else {
            throw LayoutError(.unexpectedSegment, "expected '\(name)=…' after \(lastField), found '\(segment)'")
        }
        segments = segments.dropFirst()
        lastField = "\(name)="
        return value
    }

    /// The value of the optional field `name` if it comes next.
    mutating func takeIfPresent(_ name: String) throws(LayoutError) -> String? {
        guard let segment = segments.first, value(of: segment, named: name) != nil else { return nil }
        return try take(name)
    }

    /// The last segment: the file name.
    func fileName() throws(LayoutError) -> String {
        guard let file = segments.first else {
            throw LayoutError(.missingSegment, "key ends after \(lastField) without a file name")
        }
        guard segments.count == 1 else {
            throw LayoutError(.unexpectedSegment, "unexpected segment '\(file)' after \(lastField)")
        }
        guard !file.contains("=") else {
            throw LayoutError(.missingSegment, "key ends at '\(file)' without a file name")
        }
        return file
    }

    private func value(of segment: String, named name: String) -> String? {
        guard segment.hasPrefix(name + "=") else { return nil }
        return String(segment.dropFirst(name.count + 1))
    }
}
