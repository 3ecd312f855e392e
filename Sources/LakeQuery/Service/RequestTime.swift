import LakeCore

/// The time forms every endpoint accepts (DESIGN.md): `YYYY-MM-DD`, RFC 3339 date-times and
/// epoch milliseconds. A date-only `end` includes that whole day; a date-time `end` is exclusive.
/// Dates are UTC days.
public enum RequestTime {
    /// The instant `text` names as a range start (epoch ms), or nil when it is not a time.
    public static func start(_ text: String) -> Int64? {
        parse(text, dateOnlyDayOffset: 0)
    }

    /// The exclusive range end `text` names (the day after a bare date), or nil.
    public static func end(_ text: String) -> Int64? {
        parse(text, dateOnlyDayOffset: 1)
    }

    /// `start..<end` from the two texts.
    /// - Throws: ``QueryError`` `.invalidRange` naming the unreadable field, or when the end is
    ///   not after the start.
    public static func range(start: String, end: String) throws(QueryError) -> Range<Int64> {
        guard let lower = Self.start(start) else {
            throw QueryError(.invalidRange, "start '\(start.prefix(40))' is not YYYY-MM-DD, an RFC 3339 time or epoch milliseconds")
        }
        guard let upper = Self.end(end) else {
            throw QueryError(.invalidRange, "end '\(end.prefix(40))' is not YYYY-MM-DD, an RFC 3339 time or epoch milliseconds")
        }
        guard upper > lower else { throw QueryError(.invalidRange, "end '\(end)' is not after start '\(start)'") }
        return lower..<upper
    }

    private static func parse(_ text: String, dateOnlyDayOffset: Int64) -> Int64? {
        guard text.utf8.count <= 64 else { return nil }
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), text.utf8.count >= 11 {
            return Int64(text)
        }
        if text.utf8.count == 10, let midnight = RFC3339.parse(text + "T00:00:00Z", unit: .milliseconds) {
            return midnight + dateOnlyDayOffset * 86_400_000
        }
        return RFC3339.parse(text, unit: .milliseconds)
    }
}
