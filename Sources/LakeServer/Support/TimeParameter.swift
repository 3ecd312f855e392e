import LakeCore
import LakeHTTP

/// The API's time parameters: `YYYY-MM-DD`, an RFC 3339 date-time, or epoch milliseconds.
/// A date-only `end` includes that whole day; a date-time `end` is exclusive (DESIGN.md).
enum TimeParameter {
    /// Epoch ms of `text`; for an `end` given as a date, the start of the next day.
    /// - Throws: `HTTPError` 400 naming `field`.
    static func parse(_ text: String, field: String, isEnd: Bool) throws(HTTPError) -> Int64 {
        if text.utf8.count <= 16, let milliseconds = Int64(text) { return milliseconds }
        guard let value = LakeCore.RFC3339.parse(text, unit: .milliseconds) else {
            throw JSONBody.invalid(field, "'\(text.prefix(40))' is not YYYY-MM-DD, an RFC 3339 time or epoch milliseconds")
        }
        let isDateOnly = text.utf8.count == 10
        return isEnd && isDateOnly ? value + 86_400_000 : value
    }

    /// The `[start, end)` range from optional query values; nil when neither is given.
    static func range(start: String?, end: String?) throws(HTTPError) -> Range<Int64>? {
        guard start != nil || end != nil else { return nil }
        let lower = try start.map { text throws(HTTPError) in try parse(text, field: "start", isEnd: false) } ?? Int64.min
        let upper = try end.map { text throws(HTTPError) in try parse(text, field: "end", isEnd: true) } ?? Int64.max
        guard lower < upper else { throw JSONBody.invalid("end", "must be after start") }
        return lower..<upper
    }

    /// Epoch ms as RFC 3339 UTC in whole seconds (`2025-11-03T09:00:00Z`), seed 000's form.
    static func formatWholeSeconds(_ milliseconds: Int64) -> String {
        LakeCore.RFC3339.format(EpochUnit.milliseconds.convert(milliseconds, to: .seconds)!, unit: .seconds)
    }

    /// Epoch ms as RFC 3339 UTC with milliseconds.
    static func format(_ milliseconds: Int64) -> String {
        LakeCore.RFC3339.format(milliseconds, unit: .milliseconds)
    }
}
