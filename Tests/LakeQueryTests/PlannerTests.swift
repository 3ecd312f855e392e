import LakeCatalog
import LakeCore
import LakeQuery
import Testing

/// The planner picks the coarsest stored timeframe that aggregates exactly into the request.
@Suite struct PlannerTests {
    /// A lake with AAPL (NASDAQ, New York) and INFY (NSE, Kolkata) stored as 1m and 1h for
    /// 2024-03-04…08, and MULTI on two exchanges.
    static func lake() async throws -> TestLake {
        let lake = try TestLake("planner")
        let days = epochDay(2024, 3, 4)..<epochDay(2024, 3, 9)
        for (symbol, exchange) in [("AAPL", "NASDAQ"), ("INFY", "NSE"), ("MULTI", "NSE"), ("MULTI", "NYSE")] {
            var generator = DemoBarGenerator(seed: 7)
            let daily = generator.minuteBars(session: .allDay, startPrice: 50, days: days, gaps: false)
            for (_, bars) in daily {
                try await lake.writer.write(bars, timeframe: .oneMinute, exchange: exchange, symbol: symbol)
            }
            let all = daily.reduce(into: BarBatch()) { batch, day in (0..<day.bars.count).forEach { batch.append(day.bars[$0]) } }
            let hourly = BarResampler.resample(all, into: try ExchangeCalendar.utc.boundaries(for: .oneHour, covering: 0..<1)).bars
            try await lake.writer.write(hourly, timeframe: .oneHour, exchange: exchange, symbol: symbol)
        }
        return lake
    }

    static let week = epochDay(2024, 3, 4) * 86_400_000..<epochDay(2024, 3, 9) * 86_400_000

    @Test(arguments: [
        ("AAPL", "1d", week, "1h"), ("AAPL", "4h", week, "1h"), ("AAPL", "1h", week, "1h"), ("AAPL", "30m", week, "1m"),
        ("AAPL", "173m", week, "1m"), ("AAPL", "1h", (week.lowerBound + 60_000)..<week.upperBound, "1m"),
        ("INFY", "1d", week, "1m"), ("INFY", "2h", week, "1h"),
    ])
    func choosesTheCoarsestExactSource(symbol: String, target: String, range: Range<Int64>, source: String) async throws {
        let lake = try await Self.lake()
        let planner = QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones())
        let plan = try planner.plan(BarQuery(symbol: symbol, timeframe: try Timeframe(parsing: target), range: range))
        #expect(plan.source.canonical == source)
        #expect(plan.objects.allSatisfy { $0.partition.timeframe == plan.source && $0.partition.symbol == symbol })
        #expect(!plan.objects.isEmpty)
    }

    @Test func coarseSourceGivesTheSameBarsAsMinutes() async throws {
        let lake = try await Self.lake()
        let service = try lake.service()
        let viaHours = try await service.bars(BarQuery(symbol: "AAPL", timeframe: .day, range: Self.week))
        let viaMinutes = try await service.bars(BarQuery(symbol: "AAPL", timeframe: .day,
                                                         range: Self.week.lowerBound..<(Self.week.upperBound - 60_000)))
        #expect(viaHours.plan.source == .oneHour)
        #expect(viaMinutes.plan.source == .oneMinute)
        #expect(viaHours.bars.time == viaMinutes.bars.time)
        #expect(viaHours.bars.open == viaMinutes.bars.open)
        #expect(viaHours.bars.high.dropLast() == viaMinutes.bars.high.dropLast())
    }

    @Test(arguments: [
        (BarQuery(symbol: "NOPE", timeframe: .day, range: week), QueryError.Kind.unknownSymbol),
        (BarQuery(symbol: "AAPL", exchange: "NSE", timeframe: .day, range: week), .unknownSymbol),
        (BarQuery(symbol: "MULTI", timeframe: .day, range: week), .ambiguousSymbol),
        (BarQuery(symbol: "AAPL", timeframe: .day, range: week.upperBound..<week.upperBound), .invalidRange),
        (BarQuery(symbol: "AAPL", timeframe: .trades, range: week), .unsupportedTimeframe),
        (BarQuery(symbol: "AAPL", timeframe: .day, range: 0..<86_400_000), .noData),
    ])
    func refusesWithTheRightKind(query: BarQuery, kind: QueryError.Kind) async throws {
        let lake = try await Self.lake()
        let planner = QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones())
        #expect { try planner.plan(query) } throws: { ($0 as? QueryError)?.kind == kind }
    }

    @Test func namedExchangeResolvesAmbiguity() async throws {
        let lake = try await Self.lake()
        let planner = QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones())
        let plan = try planner.plan(BarQuery(symbol: "MULTI", exchange: "NSE", timeframe: .day, range: Self.week))
        #expect(plan.exchange == "NSE")
        #expect(plan.calendar.timeZone.identifier == "Asia/Kolkata")
    }

    @Test func rangeBeyondTheMaximumIsRefused() async throws {
        let lake = try await Self.lake()
        let service = try lake.service(maximumRangeDays: 2)
        await #expect { try await service.bars(BarQuery(symbol: "AAPL", timeframe: .day, range: Self.week)) } throws: {
            ($0 as? QueryError)?.kind == .rangeTooLarge
        }
    }
}
