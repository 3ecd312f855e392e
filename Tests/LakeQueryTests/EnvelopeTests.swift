import Foundation
import LakeCore
import LakeQuery
import Testing

/// Request times and the seed envelopes around a real query result.
@Suite struct EnvelopeTests {
    static let times: [(String, String, Int64, Int64)] = [
        ("2024-03-10", "2024-03-10", 1_710_028_800_000, 1_710_115_200_000),
        ("2024-03-10T12:00:00Z", "2024-03-10T13:00:00+01:00", 1_710_072_000_000, 1_710_072_000_000),  // empty: refused
        ("1710028800000", "1710115200000", 1_710_028_800_000, 1_710_115_200_000),
    ]

    @Test(arguments: times)
    func requestTimesFollowTheDesign(start: String, end: String, lower: Int64, upper: Int64) throws {
        if lower == upper {
            #expect(throws: QueryError.self) { try RequestTime.range(start: start, end: end) }
        } else {
            #expect(try RequestTime.range(start: start, end: end) == lower..<upper)
        }
    }

    @Test(arguments: ["yesterday", "2024-13-01", "", String(repeating: "9", count: 80)])
    func unreadableTimesAreRefused(text: String) {
        #expect { try RequestTime.range(start: text, end: "2024-01-01") } throws: { ($0 as? QueryError)?.kind == .invalidRange }
    }

    @Test func seed000EnvelopeCarriesCursorAndValidation() async throws {
        let lake = try TestLake("envelope")
        try await lake.writeMinutes(symbol: "AAPL", exchange: "NASDAQ", session: .nyse,
                                    days: epochDay(2024, 3, 4)..<epochDay(2024, 3, 9), seed: 5)
        let range = try RequestTime.range(start: "2024-03-04", end: "2024-03-08")
        let result = try await lake.service().bars(BarQuery(symbol: "AAPL", timeframe: try Timeframe(parsing: "5min"),
                                                            range: range, limit: 50))
        var body: [UInt8] = []
        for try await chunk in SeedEnvelopes.bars(result, timeframe: "5min", startDate: "2024-03-04", endDate: "2024-03-08",
                                                  cached: false, validate: true, format: .json) { body += chunk }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(json["symbol"] as? String == "AAPL")
        #expect(json["bar_count"] as? Int == 50 && (json["data"] as? [Any])?.count == 50)
        #expect(json["truncated"] as? Bool == true)
        #expect(json["next_start"] as? String == RFC3339.format(result.nextStart! / 1000, unit: .seconds))
        let validation = try #require(json["validation"] as? [String: Any])
        #expect(validation["bar_count"] as? Int == 50 && validation["high_below_low"] as? Int == 0)
    }
}
