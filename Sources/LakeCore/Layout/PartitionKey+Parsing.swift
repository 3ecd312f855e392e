extension PartitionKey {
    /// Parses an object key under `basePrefix` (empty for a lake at the bucket root). To parse
    /// many keys, make one ``LakeLayout`` and call ``LakeLayout/parse(_:)``.
    ///
    /// Accepted: the layout's segments in order, month/day padded or not, `=` written as
    /// `%3D`, values with `%XX` escapes (as S3 listings with URL encoding return them).
    /// Refused, each with a ``LayoutError`` naming the problem: keys longer than
    /// ``maximumKeyLength``, absolute keys, `//`, `.`/`..` segments, control characters or
    /// backslashes, keys outside the prefix, segments out of order or unknown, a
    /// non-canonical timeframe (`5min` instead of `5m`), impossible dates (month 13,
    /// April 31, February 29 of a common year), a depth coarser than the timeframe allows,
    /// bad symbols or exchanges, and files other than `.parquet`, `.csv`, `.csv.gz`.
    public init(parsing key: String, basePrefix: String = "") throws(LayoutError) {
        self = try LakeLayout(basePrefix: basePrefix).parse(key)
    }

    /// A base prefix without surrounding slashes (`"/processed/"` → `"processed"`; `""` stays
    /// empty). - Throws: ``LayoutError`` for `//`, `.`/`..` segments or control characters.
    public static func normalizedPrefix(_ prefix: String) throws(LayoutError) -> String {
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return "" }
        guard trimmed.utf8.count < maximumKeyLength else { throw LayoutError(.tooLong, "prefix is too long") }
        if let bad = trimmed.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            throw LayoutError(.invalidCharacter, "prefix contains the character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        for segment in trimmed.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw LayoutError(.emptySegment, "prefix '\(prefix)' has an empty segment ('//')") }
            if segment == "." || segment == ".." { throw LayoutError(.traversal, "prefix '\(prefix)' has a '\(segment)' segment") }
        }
        return String(trimmed)
    }
}
