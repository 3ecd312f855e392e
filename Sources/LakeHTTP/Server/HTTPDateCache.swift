import Glibc

/// The `Date: …\r\n` header line (RFC 9110 §5.6.7 IMF-fixdate), rebuilt at most once a second.
/// One per event loop, so it needs no lock.
struct HTTPDateCache {
    private var second: time_t = -1
    private(set) var line: [UInt8] = []

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Refreshes the line if the wall-clock second changed, and returns it.
    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            line = Array("Date: \(HTTPDateCache.format(now))\r\n".utf8)
        }
        return line
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func format(_ seconds: time_t) -> String {
        let time = UTCDateTime(secondsSinceEpoch: Int(seconds))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[time.weekday]), \(two(time.day)) \(months[time.month - 1]) \(time.year) "
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) GMT"
    }
}
