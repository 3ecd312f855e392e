import Foundation
import LakeCore

/// Epoch milliseconds of an RFC 3339 UTC instant such as `2024-03-10T05:00:00Z`, for
/// writing expected values as readable text.
func utc(_ text: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return Int64((date.timeIntervalSince1970 * 1000).rounded())
}

/// The calendar of an IANA zone that must exist on the test machine.
func calendar(_ zone: String) -> ExchangeCalendar {
    ExchangeCalendar(timeZone: TimeZone(identifier: zone)!)
}
