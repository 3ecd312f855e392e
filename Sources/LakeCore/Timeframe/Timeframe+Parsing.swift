extension Timeframe {
    /// The longest spelling the parser looks at; anything longer is refused unread.
    public static let maximumSpellingLength = 32

    /// Parses any spelling the seeds and common market APIs use.
    ///
    /// The shape is `[count][spaces][unit]`, surrounding whitespace ignored:
    /// - no unit, or `m`/`min`/`mins`/`minute`/`minutes`/`t`: minutes — `1`, `173`, `5min`, `15m`;
    /// - `h`/`hr`/`hrs`/`hour`/`hours`: hours — `1h`, `4hour`, `60min` is the same as `1h`;
    /// - `d`/`day`/`days`, `w`/`wk`/`week`/`weeks`, `mo`/`mon`/`month`/`months`, or a capital
    ///   `M` alone (`1M`, as Binance and pandas spell a month): calendar bars, count 1 only;
    /// - words: `daily`, `weekly`, `monthly`, `hourly`, `trades`/`trade`/`tick`/`ticks`.
    /// A missing count means 1 (`D`, `W`, `M`, `h`). Units are case-insensitive except
    /// `M` (month) versus `m` (minute), which follow the common convention.
    ///
    /// - Throws: ``TimeframeError`` with the reason (`0` and `-5` are not positive, `1.5h` is
    ///   fractional, `2d` is a calendar multiple, `50000m` exceeds a month, `5x` is unknown).
    public init(parsing text: some StringProtocol) throws(TimeframeError) {
        // Bounded before copying: a spelling plus generous surrounding whitespace.
        guard text.utf8.count <= Self.maximumSpellingLength * 8 else {
            throw TimeframeError(input: String(text.prefix(Self.maximumSpellingLength)), reason: .tooLong)
        }
        let all = Array(text.utf8)
        let first = all.firstIndex { !Self.isSpace($0) } ?? all.endIndex
        let last = all.lastIndex { !Self.isSpace($0) } ?? all.startIndex
        let bytes = first < all.endIndex ? Array(all[first...last]) : []
        let input = String(decoding: bytes, as: UTF8.self)
        guard !bytes.isEmpty else { throw TimeframeError(input: input, reason: .empty) }
        guard bytes.count <= Self.maximumSpellingLength else { throw TimeframeError(input: input, reason: .tooLong) }

        if let word = Self.namedTimeframes[input.lowercased()] {
            self = word
            return
        }
        if bytes[0] == UInt8(ascii: "-") { throw TimeframeError(input: input, reason: .notPositive) }

        var index = 0
        var count = 0
        var sawDigit = false
        while index < bytes.count, let digit = Self.digitValue(bytes[index]) {
            // Nine digits can never overflow Int, and anything that long is too large anyway.
            guard index < 9 else { throw TimeframeError(input: input, reason: .tooLarge) }
            count = count * 10 + digit
            sawDigit = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            throw TimeframeError(input: input, reason: sawDigit ? .fractional : .malformed)
        }
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        let unit = String(decoding: bytes[index...], as: UTF8.self)
        guard sawDigit || !unit.isEmpty else { throw TimeframeError(input: input, reason: .malformed) }
        guard unit.utf8.allSatisfy(Self.isLetter) else {
            throw TimeframeError(input: input, reason: sawDigit ? .unknownUnit(unit) : .malformed)
        }
        if !sawDigit { count = 1 }
        guard count > 0 else { throw TimeframeError(input: input, reason: .notPositive) }

        let kind = try Self.unitKind(unit, input: input)
        switch kind {
        case .minutes(let perUnit):
            let minutes = count * perUnit
            guard minutes <= Self.maximumMinutes else { throw TimeframeError(input: input, reason: .tooLarge) }
            self.init(.minutes(minutes))
        case .day, .week, .month:
            guard count == 1 else { throw TimeframeError(input: input, reason: .calendarMultiple) }
            self.init(kind)
        case .trades:
            throw TimeframeError(input: input, reason: .malformed)
        }
    }

    /// Whole-word spellings that carry no count.
    private static let namedTimeframes: [String: Timeframe] = [
        "trades": .trades, "trade": .trades, "tick": .trades, "ticks": .trades,
        "hourly": .oneHour, "daily": .day, "weekly": .week, "monthly": .month,
    ]

    /// The unit after the count: `.minutes(k)` means "k minutes per unit".
    private static func unitKind(_ unit: String, input: String) throws(TimeframeError) -> Kind {
        if unit == "M" { return .month }
        switch unit.lowercased() {
        case "", "m", "min", "mins", "minute", "minutes", "t": return .minutes(1)
        case "h", "hr", "hrs", "hour", "hours": return .minutes(60)
        case "d", "day", "days": return .day
        case "w", "wk", "week", "weeks": return .week
        case "mo", "mon", "month", "months": return .month
        default: throw TimeframeError(input: input, reason: .unknownUnit(unit))
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
