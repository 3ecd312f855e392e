import Foundation
import LakeCore
import LakeQuery
import Testing

/// Our bars equal pandas' and DuckDB's on the same Parquet files: 1m → {5m, 15m, 173m, 1h, 4h,
/// 1d, 1w, 1mo} for a New York–zoned series with gaps, across both 2024 DST changes
/// (March 10, November 3) and two month boundaries.
@Suite struct ResampleGoldenTests {
    static let targets = ["5m", "15m", "173m", "1h", "4h", "1d", "1w", "1mo"]

    struct Fixture: Sendable {
        let lake: TestLake
        let range: Range<Int64>
        let expected: [String: [String: [ResampleOracle.Row]]]
    }

    /// Built once for every test of the suite (one Python run).
    static let fixture = Task<Fixture, any Error> {
        let lake = try TestLake("golden")
        var files: [String] = []
        // Around-the-clock bars in New York's zone, so local days, weeks and months straddle DST.
        for (window, seed) in [(epochDay(2024, 2, 25)..<epochDay(2024, 3, 14), UInt64(1)),
                               (epochDay(2024, 10, 27)..<epochDay(2024, 11, 8), UInt64(2))] {
            files += try await lake.writeMinutes(symbol: "GOLD", exchange: "NYSE", session: .allDay, days: window, seed: seed)
        }
        let expected = try ResampleOracle.expectations(files: files, timeZone: "America/New_York", targets: targets)
        let range = epochDay(2024, 2, 1) * 86_400_000..<epochDay(2024, 12, 1) * 86_400_000
        return Fixture(lake: lake, range: range, expected: expected)
    }

    @Test(arguments: targets)
    func serviceBarsEqualPandasAndDuckDB(target: String) async throws {
        let fixture = try await Self.fixture.value
        let query = BarQuery(symbol: "GOLD", timeframe: try Timeframe(parsing: target), range: fixture.range)
        let result = try await fixture.lake.service().bars(query)
        #expect(result.plan.source == .oneMinute)
        for engine in ["pandas", "duckdb"] {
            let rows = try #require(fixture.expected[target]?[engine])
            #expect(!rows.isEmpty)
            Self.expect(result.bars, equals: rows, label: "\(target) vs \(engine)")
        }
    }

    @Test(arguments: targets)
    func kernelOnMergedBatchEqualsPandas(target: String) async throws {
        let fixture = try await Self.fixture.value
        let timeframe = try Timeframe(parsing: target)
        let objects = try fixture.lake.catalog.objects(symbol: "GOLD", timeframe: .oneMinute, overlapping: fixture.range)
        let minutes = try await ObjectLoader(store: fixture.lake.store).bars(objects, range: fixture.range)
        let calendar = ExchangeCalendar(timeZone: try #require(TimeZone(identifier: "America/New_York")))
        let bars = BarResampler.resample(minutes, into: try calendar.boundaries(for: timeframe, covering: fixture.range)).bars
        Self.expect(bars, equals: try #require(fixture.expected[target]?["pandas"]), label: target)
    }

    static func expect(_ bars: BarBatch, equals rows: [ResampleOracle.Row], label: String) {
        #expect(bars.count == rows.count, "\(label): \(bars.count) bars, expected \(rows.count)")
        for (index, row) in zip(0..<min(bars.count, rows.count), rows) {
            let bar = bars[index]
            let expected = row.values
            let exact: [Double] = [Double(bar.time), bar.open, bar.high, bar.low, bar.close, bar.volume,
                                   Double(bar.transactions ?? -1)]
            let wanted: [Double?] = [expected[0], expected[1], expected[2], expected[3], expected[4], expected[5], expected[7]]
            guard exact == wanted.map({ $0 ?? .nan }) else {
                Issue.record("\(label) bar \(index): got \(exact), expected \(wanted)")
                return
            }
            switch (bar.vwap, expected[6]) {
            case (nil, nil): break
            case (let got?, let want?): #expect(abs(got - want) <= 1e-9 * abs(want), "\(label) bar \(index) vwap \(got) vs \(want)")
            default: Issue.record("\(label) bar \(index): vwap \(String(describing: bar.vwap)) vs \(String(describing: expected[6]))")
            }
        }
    }
}
