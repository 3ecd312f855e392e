import Foundation
import LakeCatalog
import LakeCore
import LakeQuery
import Testing

/// Remote objects are downloaded once into the on-disk cache, then read locally; stats and
/// clearing work per symbol and age.
@Suite struct ObjectCacheTests {
    @Test func secondQueryReadsTheCacheAndStatsAndClearWork() async throws {
        let lake = try TestLake("cache")
        let days = epochDay(2024, 4, 1)..<epochDay(2024, 4, 4)
        try await lake.writeMinutes(symbol: "BTCUSDT", exchange: "BINANCE", session: .allDay, days: days, seed: 1, gaps: false)
        try await lake.writeMinutes(symbol: "ETHUSDT", exchange: "BINANCE", session: .allDay, days: days, seed: 2, gaps: false)
        let remote = RemoteStoreDouble(lake.store)
        let cache = try ObjectCache(directory: lake.directory.appendingPathComponent("cache").path, ttlSeconds: 3600)
        let service = BarQueryService(planner: QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones()),
                                      loader: ObjectLoader(store: remote, cache: cache))
        let range = days.lowerBound * 86_400_000..<days.upperBound * 86_400_000
        let direct = try await lake.service().bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        for symbol in ["BTCUSDT", "BTCUSDT", "ETHUSDT"] {
            let result = try await service.bars(BarQuery(symbol: symbol, timeframe: .oneHour, range: range))
            if symbol == "BTCUSDT" { #expect(result.bars == direct.bars) }
        }
        #expect(remote.downloadCount == 6)   // 3 days × 2 symbols, the repeated BTCUSDT query hit the cache
        let stats = try await cache.stats()
        #expect(stats.totalEntries == 6 && stats.hits == 3 && stats.misses == 6 && stats.expiredEntries == 0)
        #expect(stats.topSymbols.map(\.name).sorted() == ["BTCUSDT", "ETHUSDT"])
        #expect(stats.byTimeframe.map(\.name) == ["1m"] && stats.totalBytes > 0)

        let none = try await cache.clear(olderThan: 3600)
        #expect(none.entriesRemoved == 0)
        let cleared = try await cache.clear(symbol: "ETHUSDT")
        #expect(cleared.entriesRemoved == 3 && cleared.bytesFreed > 0)
        #expect(try await cache.stats().totalEntries == 3)
        let expired = try await cache.stats(now: Date().addingTimeInterval(7200))
        #expect(expired.expiredEntries == 3)
        _ = try await service.bars(BarQuery(symbol: "ETHUSDT", timeframe: .oneHour, range: range))
        #expect(remote.downloadCount == 9)
    }
}
