import Testing
import LakeCore

@Suite struct RFC3339Tests {
    @Test(arguments: [
        (Int64(0), EpochUnit.seconds, "1970-01-01T00:00:00Z"),
        (1_704_067_200_123, .milliseconds, "2024-01-01T00:00:00.123Z"),
        (-1, .milliseconds, "1969-12-31T23:59:59.999Z"),
        (1_704_141_296_123_456, .microseconds, "2024-01-01T20:34:56.123456Z"),
        (951_782_400_000_000_001, .nanoseconds, "2000-02-29T00:00:00.000000001Z"),
        (253_402_300_799, .seconds, "9999-12-31T23:59:59Z"),
        (9_089_380_393_200_000, .milliseconds, "+290000-12-30T23:00:00.000Z"),
        (-62_135_596_800, .seconds, "0001-01-01T00:00:00Z"),
    ])
    func formatsUTCWithTheUnitsPrecision(value: Int64, unit: EpochUnit, expected: String) {
        #expect(RFC3339.format(value, unit: unit) == expected)
    }

    @Test(arguments: [
        ("2024-01-01T00:00:00Z", EpochUnit.milliseconds, Int64?(1_704_067_200_000)),
        ("2024-01-01T05:30:00+05:30", .seconds, 1_704_067_200),
        ("2023-12-31T19:00:00-05:00", .seconds, 1_704_067_200),
        ("2024-01-01 00:00:00.5", .milliseconds, 1_704_067_200_500),
        ("2024-01-01t00:00:00.123456789z", .microseconds, 1_704_067_200_123_456),
        ("2024-01-01T00:00:00.1234Z", .nanoseconds, 1_704_067_200_123_400_000),
        ("2024-01-01", .milliseconds, 1_704_067_200_000),
        ("2024-01-01T00:00", .seconds, 1_704_067_200),
        ("1969-12-31T23:59:59.999Z", .milliseconds, -1),
        ("2024-02-30T00:00:00Z", .seconds, nil),
        ("2024-01-01T24:00:00Z", .seconds, nil),
        ("2024-01-01T00:00:00+2", .seconds, nil),
        ("2024-1-01", .seconds, nil),
        ("2024-01-01T00:00:00Zjunk", .seconds, nil),
        ("2024-01-01T00:00:00.", .seconds, nil),
        ("", .seconds, nil),
        ("9999-12-31T23:59:59Z", .nanoseconds, nil),
    ])
    func parsesOffsetsFractionsAndRejectsJunk(text: String, unit: EpochUnit, expected: Int64?) {
        #expect(RFC3339.parse(text, unit: unit) == expected)
    }

    @Test func formatThenParseRoundTripsAcrossCenturies() {
        for value in stride(from: Int64(-5_000_000_000_000), to: 250_000_000_000_000, by: 7_777_777_777_777) {
            #expect(RFC3339.parse(RFC3339.format(value, unit: .milliseconds), unit: .milliseconds) == value)
        }
    }
}

@Suite struct CivilDateTests {
    static let cases: [(Int64, CivilDate)] = [
        (0, CivilDate(year: 1970, month: 1, day: 1)),
        (19_723, CivilDate(year: 2024, month: 1, day: 1)),
        (11_016, CivilDate(year: 2000, month: 2, day: 29)),
        (-1, CivilDate(year: 1969, month: 12, day: 31)),
        (-719_162, CivilDate(year: 1, month: 1, day: 1)),
    ]

    @Test(arguments: cases)
    func convertsDaysBothWays(days: Int64, date: CivilDate) {
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.daysSinceEpoch == days)
    }

    @Test func validatesLeapDays() {
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2023, month: 13, day: 1).isValid)
    }
}

@Suite struct EpochUnitTests {
    @Test(arguments: [
        (Int64(1_704_067_200), EpochUnit.seconds),
        (1_704_067_200_000, .milliseconds),
        (1_704_067_200_000_000, .microseconds),
        (1_704_067_200_000_000_000, .nanoseconds),
        (-1_704_067_200_000, .milliseconds),
        (0, .seconds),
    ])
    func infersUnitFromMagnitude(value: Int64, unit: EpochUnit) {
        #expect(EpochUnit.infer(fromMagnitude: value) == unit)
    }

    @Test func convertsWithFloorAndDetectsOverflow() {
        #expect(EpochUnit.microseconds.convert(-1, to: .milliseconds) == -1)
        #expect(EpochUnit.microseconds.convert(1_999, to: .milliseconds) == 1)
        #expect(EpochUnit.seconds.convert(2, to: .nanoseconds) == 2_000_000_000)
        #expect(EpochUnit.seconds.convert(.max / 10, to: .nanoseconds) == nil)
    }
}
