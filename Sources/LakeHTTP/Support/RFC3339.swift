import Glibc

/// RFC 3339 UTC timestamps (`2026-11-22T16:31:10Z`, optionally with milliseconds), formatted
/// without Foundation so the log and error paths stay cheap.
public enum RFC3339 {
    /// The current wall-clock time.
    public static func now(milliseconds: Bool = false) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: Int(spec.tv_sec), milliseconds: milliseconds ? Int(spec.tv_nsec / 1_000_000) : nil)
    }

    /// Formats seconds since the Unix epoch, with `.mmm` when `milliseconds` is given.
    public static func format(seconds: Int, milliseconds: Int? = nil) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: remaining / divisor) &+ 0x30)
                remaining %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2); bytes.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2)
        if let milliseconds {
            bytes.append(UInt8(ascii: "."))
            digits(Int32(milliseconds), 3)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
