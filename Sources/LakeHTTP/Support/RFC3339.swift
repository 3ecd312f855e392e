import Glibc

/// RFC 3339 UTC timestamps (`2026-11-22T16:31:10Z`, optionally with milliseconds), formatted
/// without Foundation so the log and error paths stay cheap.
public enum RFC3339 {
    /// The current wall-clock time.
    public static func now(milliseconds: Bool = false) -> String {
        let (seconds, millis) = wallClock(milliseconds: milliseconds)
        return format(seconds: seconds, milliseconds: millis)
    }

    /// Appends the current wall-clock time (no quotes), with no intermediate `String`.
    public static func appendNow(milliseconds: Bool = false, to bytes: inout [UInt8]) {
        let (seconds, millis) = wallClock(milliseconds: milliseconds)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(seconds: seconds, milliseconds: millis, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Formats seconds since the Unix epoch, with `.mmm` when `milliseconds` is given.
    public static func format(seconds: Int, milliseconds: Int? = nil) -> String {
        String(unsafeUninitializedCapacity: maxLength) { buffer in
            write(seconds: seconds, milliseconds: milliseconds, to: buffer.baseAddress!)
        }
    }

    /// More than `2026-11-22T16:31:10.123Z` (24 bytes) takes.
    private static let maxLength = 32

    private static func wallClock(milliseconds: Bool) -> (seconds: Int, milliseconds: Int?) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int(spec.tv_sec), milliseconds ? Int(spec.tv_nsec / 1_000_000) : nil)
    }

    /// Writes the timestamp at `start` (room for ``maxLength`` bytes); returns the count.
    private static func write(seconds: Int, milliseconds: Int?, to start: UnsafeMutablePointer<UInt8>) -> Int {
        let time = UTCDateTime(secondsSinceEpoch: seconds)
        var position = start
        func put(_ byte: UInt8) {
            position.pointee = byte
            position += 1
        }
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                put(UInt8(truncatingIfNeeded: remaining / divisor) &+ 0x30)
                remaining %= divisor
                divisor /= 10
            }
        }
        digits(time.year, 4); put(UInt8(ascii: "-"))
        digits(time.month, 2); put(UInt8(ascii: "-"))
        digits(time.day, 2); put(UInt8(ascii: "T"))
        digits(time.hour, 2); put(UInt8(ascii: ":"))
        digits(time.minute, 2); put(UInt8(ascii: ":"))
        digits(time.second, 2)
        if let milliseconds {
            put(UInt8(ascii: "."))
            digits(milliseconds, 3)
        }
        put(UInt8(ascii: "Z"))
        return position - start
    }
}
