import Foundation

/// A signing instant in the two forms SigV4 uses: `20150830T123600Z` and `20150830`.
///
/// Built arithmetically from epoch seconds, because `DateFormatter` would dominate the
/// cost of presigning a URL.
public struct SigningDate: Sendable, Equatable {
    /// Whole seconds since the Unix epoch.
    public let secondsSinceEpoch: Int64
    /// `YYYYMMDDTHHMMSSZ` as bytes.
    public let amzDate: [UInt8]

    /// The instant `date`, truncated to the second.
    public init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The instant `secondsSinceEpoch` (UTC).
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
        let civil = CivilTime(secondsSinceEpoch: secondsSinceEpoch)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        Self.appendDigits(civil.year, width: 4, to: &bytes)
        Self.appendDigits(civil.month, width: 2, to: &bytes)
        Self.appendDigits(civil.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Self.appendDigits(civil.hour, width: 2, to: &bytes)
        Self.appendDigits(civil.minute, width: 2, to: &bytes)
        Self.appendDigits(civil.second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        amzDate = bytes
    }

    /// Parses `2015-08-30T12:36:00Z` (the form test suites and policies use).
    public init?(iso8601 text: String) {
        let digits = text.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.map { Int64($0 - UInt8(ascii: "0")) }
        guard text.utf8.count == 20, text.hasSuffix("Z"), digits.count == 14 else { return nil }
        func number(_ range: Range<Int>) -> Int64 { digits[range].reduce(0) { $0 * 10 + $1 } }
        guard let seconds = CivilTime.secondsSinceEpoch(
            year: number(0..<4), month: number(4..<6), day: number(6..<8),
            hour: number(8..<10), minute: number(10..<12), second: number(12..<14)) else { return nil }
        self.init(secondsSinceEpoch: seconds)
    }

    /// `YYYYMMDD` as bytes (the credential scope date).
    public var dateStamp: ArraySlice<UInt8> { amzDate[0..<8] }

    /// `YYYYMMDDTHHMMSSZ` as text.
    public var amzDateString: String { String(decoding: amzDate, as: UTF8.self) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the form POST policies use for `expiration`.
    public var iso8601: String {
        let a = amzDate.map { Character(UnicodeScalar($0)) }
        return "\(String(a[0..<4]))-\(String(a[4..<6]))-\(String(a[6..<8]))T\(String(a[9..<11])):\(String(a[11..<13])):\(String(a[13..<15]))Z"
    }

    private static func appendDigits(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
