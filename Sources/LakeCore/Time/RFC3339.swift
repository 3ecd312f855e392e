/// RFC 3339 timestamps without `DateFormatter`: formatting epoch counts straight into
/// bytes, and parsing straight from bytes, because both sit on hot paths (NDJSON/CSV of
/// millions of bars).
///
/// ```swift
/// RFC3339.format(1_704_067_200_123, unit: .milliseconds)  // "2024-01-01T00:00:00.123Z"
/// RFC3339.parse("2024-01-01T05:30:00+05:30", unit: .seconds) // 1704067200
/// ```
public enum RFC3339 {
    /// Formats `value` (a count of `unit` since the epoch) as UTC with exactly
    /// `unit.fractionDigits` fraction digits, e.g. `2024-01-01T00:00:00.123Z` for ms.
    public static func format(_ value: Int64, unit: EpochUnit) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        append(value, unit: unit, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `format(value, unit:)` to `output` without intermediate strings.
    @inlinable public static func append(_ value: Int64, unit: EpochUnit, to output: inout [UInt8]) {
        let perSecond = unit.perSecond
        var seconds = value / perSecond
        var fraction = value % perSecond
        if fraction < 0 { fraction += perSecond; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        appendDate(CivilDate(daysSinceEpoch: days), to: &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, count: 2, to: &output)
        if unit != .seconds {
            output.append(UInt8(ascii: "."))
            appendDigits(fraction, count: unit.fractionDigits, to: &output)
        }
        output.append(UInt8(ascii: "Z"))
    }

    /// Appends `YYYY-MM-DD`; years outside 0...9999 get a sign and at least four digits.
    @inlinable public static func appendDate(_ date: CivilDate, to output: inout [UInt8]) {
        var year = date.year
        if year < 0 { output.append(UInt8(ascii: "-")); year = -year } else if year > 9999 { output.append(UInt8(ascii: "+")) }
        appendDigits(year, count: max(4, decimalWidth(year)), to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(Int64(date.month), count: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(Int64(date.day), count: 2, to: &output)
    }

    /// `appendDate` for `String` callers.
    public static func appendDate(_ date: CivilDate, to text: inout String) {
        var bytes: [UInt8] = []
        appendDate(date, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    @inlinable static func decimalWidth(_ value: Int64) -> Int {
        var width = 1
        var rest = value / 10
        while rest > 0 { width += 1; rest /= 10 }
        return width
    }

    @inlinable static func appendDigits(_ value: Int64, count: Int, to output: inout [UInt8]) {
        let start = output.count
        for _ in 0..<count { output.append(UInt8(ascii: "0")) }
        var rest = value
        var index = start + count - 1
        while index >= start {
            output[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
    }

    /// Parses an RFC 3339 date-time (`T`, `t` or space between date and time; `Z`, `z`
    /// or `±HH:MM` offset; any number of fraction digits) or a bare `YYYY-MM-DD` (midnight)
    /// into a count of `unit` since the epoch. A missing offset means UTC. Digits finer
    /// than `unit` are truncated. Nil when the text is not such a timestamp or overflows.
    public static func parse(_ text: some StringProtocol, unit: EpochUnit) -> Int64? {
        var copy = String(text)
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), unit: unit) }
    }

    /// `parse(_:unit:)` over raw UTF-8 bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, unit: EpochUnit) -> Int64? {
        var scanner = DigitScanner(bytes)
        guard let year = scanner.number(digits: 4), scanner.take(UInt8(ascii: "-")),
              let month = scanner.number(digits: 2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.number(digits: 2) else { return nil }
        let date = CivilDate(year: year, month: Int(month), day: Int(day))
        guard date.isValid else { return nil }
        var seconds = date.daysSinceEpoch * 86_400
        var fraction: Int64 = 0
        if !scanner.atEnd {
            guard let separator = scanner.next(), separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
                    || separator == UInt8(ascii: " ") else { return nil }
            guard let hour = scanner.number(digits: 2), hour < 24, scanner.take(UInt8(ascii: ":")),
                  let minute = scanner.number(digits: 2), minute < 60 else { return nil }
            var second: Int64 = 0
            if scanner.take(UInt8(ascii: ":")) {
                guard let value = scanner.number(digits: 2), value <= 60 else { return nil }
                second = value
            }
            seconds += hour * 3600 + minute * 60 + second
            if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                guard let value = scanner.fraction(digits: unit.fractionDigits) else { return nil }
                fraction = value
            }
            if !scanner.atEnd {
                guard let offset = scanner.offsetSeconds() else { return nil }
                seconds -= offset
            }
            guard scanner.atEnd else { return nil }
        }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: unit.perSecond)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(fraction)
        return overflow2 ? nil : total
    }
}

/// A cursor over ASCII bytes for `RFC3339.parse`.
struct DigitScanner {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int64? {
        guard position + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for _ in 0..<digits {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            position += 1
        }
        return value
    }

    /// One or more fraction digits scaled to `digits` places (extra digits truncated).
    mutating func fraction(digits: Int) -> Int64? {
        var value: Int64 = 0
        var seen = 0
        while position < bytes.count {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if seen < digits { value = value * 10 + Int64(digit) }
            seen += 1
            position += 1
        }
        guard seen > 0 else { return nil }
        for _ in min(seen, digits)..<digits { value *= 10 }
        return value
    }

    /// `Z`/`z` → 0, `±HH:MM` or `±HHMM` → signed seconds east of UTC.
    mutating func offsetSeconds() -> Int64? {
        guard let sign = next() else { return nil }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        guard let hours = number(digits: 2), hours < 24 else { return nil }
        _ = take(UInt8(ascii: ":"))
        guard let minutes = number(digits: 2), minutes < 60 else { return nil }
        let offset = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -offset : offset
    }
}
