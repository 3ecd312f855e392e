import Testing
import LakeCore
import Foundation

@Suite struct TimeframeParsingTests {
    /// Every spelling the seeds use, plus the common market-API spellings, and their canonical form.
    @Test(arguments: [
        ("1min", "1m"), ("1m", "1m"), ("1", "1m"), ("1T", "1m"), ("m", "1m"), ("1 min", "1m"),
        ("5min", "5m"), ("5MIN", "5m"), ("15min", "15m"), ("30min", "30m"), ("15", "15m"),
        ("7", "7m"), ("173", "173m"), ("173m", "173m"), ("2850", "2850m"), ("2850m", "2850m"),
        ("1hour", "1h"), ("1h", "1h"), ("1H", "1h"), ("60min", "1h"), ("60", "1h"), ("hourly", "1h"),
        ("4hour", "4h"), ("4h", "4h"), ("240", "4h"), ("2 hours", "2h"), ("120", "2h"), ("1440", "24h"),
        ("1day", "1d"), ("1d", "1d"), ("daily", "1d"), ("Daily", "1d"), ("D", "1d"), ("d", "1d"),
        ("1week", "1w"), ("1w", "1w"), ("weekly", "1w"), ("W", "1w"), ("1wk", "1w"),
        ("1month", "1mo"), ("1mo", "1mo"), ("monthly", "1mo"), ("M", "1mo"), ("1M", "1mo"), ("1MO", "1mo"),
        ("trades", "trades"), ("TRADES", "trades"), ("tick", "trades"),
        ("  5m\t", "5m"), ("44640", "744h"), ("44639m", "44639m"),
    ])
    func parsesSpelling(_ spelling: String, canonical: String) throws {
        #expect(try Timeframe(parsing: spelling).canonical == canonical)
    }

    /// Bad spellings and the reason each is refused.
    @Test(arguments: [
        ("", TimeframeError.Reason.empty), ("   ", .empty),
        ("0", .notPositive), ("0m", .notPositive), ("-5", .notPositive), ("-1h", .notPositive),
        ("44641", .tooLarge), ("745h", .tooLarge), ("999999999999", .tooLarge), ("1000000000m", .tooLarge),
        ("1.5h", .fractional), ("2,5m", .fractional),
        ("5x", .unknownUnit("x")), ("1fortnight", .unknownUnit("fortnight")), ("3s", .unknownUnit("s")),
        ("2d", .calendarMultiple), ("3w", .calendarMultiple), ("2mo", .calendarMultiple), ("12M", .calendarMultiple),
        ("+5", .malformed), (".5", .malformed), ("5m!", .unknownUnit("m!")), ("m5", .malformed),
        ("5 m 5", .unknownUnit("m 5")), ("abc", .unknownUnit("abc")),
        (String(repeating: "1", count: 40), .tooLong),
    ])
    func refusesSpelling(_ spelling: String, reason: TimeframeError.Reason) {
        #expect(throws: TimeframeError(input: spelling.trimmingSpaces, reason: reason)) {
            try Timeframe(parsing: spelling)
        }
    }

    @Test func refusesHugeInputWithoutReadingIt() {
        let huge = String(repeating: "9", count: 1_000_000)
        #expect(throws: TimeframeError.self) { try Timeframe(parsing: huge) }
    }

    @Test func canonicalFormRoundTrips() throws {
        for minutes in [1, 2, 5, 7, 59, 60, 61, 173, 1440, 2850, Timeframe.maximumMinutes] {
            let timeframe = try Timeframe(minutes: minutes)
            #expect(try Timeframe(parsing: timeframe.canonical) == timeframe)
            #expect(timeframe.minutes == minutes)
        }
        for timeframe in [Timeframe.trades, .day, .week, .month] {
            #expect(try Timeframe(parsing: timeframe.canonical) == timeframe)
        }
    }

    @Test func minutesInitializerChecksBounds() {
        #expect(throws: TimeframeError(input: "0", reason: .notPositive)) { try Timeframe(minutes: 0) }
        #expect(throws: TimeframeError(input: "-15", reason: .notPositive)) { try Timeframe(minutes: -15) }
        #expect(throws: TimeframeError(input: "44641", reason: .tooLarge)) { try Timeframe(minutes: 44_641) }
    }

    @Test func errorMessageNamesInputAndReason() {
        let error = TimeframeError(input: "0", reason: .notPositive)
        #expect(error.description == "Invalid timeframe '0': timeframe must be positive")
    }

    @Test func ordersFinestToCoarsest() throws {
        let sorted = try ["1mo", "1d", "24h", "trades", "5m", "1w", "1h", "173m"].map { try Timeframe(parsing: $0) }.sorted()
        #expect(sorted.map(\.canonical) == ["trades", "5m", "1h", "173m", "24h", "1d", "1w", "1mo"])
    }

    @Test func decodesNumbersAndStringsAndEncodesCanonical() throws {
        let decoded = try JSONDecoder().decode([Timeframe].self, from: Data(#"[173, "1hour", "daily"]"#.utf8))
        #expect(decoded.map(\.canonical) == ["173m", "1h", "1d"])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["173m","1h","1d"]"#)
    }
}

extension String {
    var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
