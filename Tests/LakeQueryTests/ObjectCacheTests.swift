import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
@testable import LakeQuery
import Testing

/// Remote objects are downloaded once into the shared on-disk cache, then read locally;
/// the cache stays within its byte bound, forgets changed objects, survives a restart, and
/// stats and clearing work per symbol and age.
@Suite struct ObjectCacheTests {
    /// Three days of two symbols in a fresh lake, and the query range covering them.
    private static func twoSymbolLake(_ label: String) async throws -> (TestLake, Range<Int64>) {
        let lake = try TestLake(label)
        let days = epochDay(2024, 4, 1)..<epochDay(2024, 4, 4)
        try await lake.writeMinutes(symbol: "BTCUSDT", exchange: "BINANCE", session: .allDay, days: days, seed: 1, gaps: false)
        try await lake.writeMinutes(symbol: "ETHUSDT", exchange: "BINANCE", session: .allDay, days: days, seed: 2, gaps: false)
        return (lake, days.lowerBound * 86_400_000..<days.upperBound * 86_400_000)
    }

    private static func service(_ lake: TestLake, _ store: CountingStore, _ cache: ObjectCache) throws -> BarQueryService {
        BarQueryService(planner: QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones()),
                        loader: ObjectLoader(store: store, cache: cache))
    }

    private static func cacheDirectory(_ lake: TestLake) -> String {
        lake.directory.appendingPathComponent("cache").path
    }

    @Test func secondQueryReadsTheCacheAndStatsAndClearWork() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache")
        let remote = CountingStore(lake.store)
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600)
        let service = try Self.service(lake, remote, cache)
        let direct = try await lake.service().bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(!direct.servedFromCache)   // a local lake is read in place
        var servedFromCache: [Bool] = []
        for symbol in ["BTCUSDT", "BTCUSDT", "ETHUSDT"] {
            let result = try await service.bars(BarQuery(symbol: symbol, timeframe: .oneHour, range: range))
            if symbol == "BTCUSDT" { #expect(result.bars == direct.bars) }
            servedFromCache.append(result.servedFromCache)
        }
        #expect(remote.downloadCount == 6)   // 3 days × 2 symbols, the repeated BTCUSDT query hit the cache
        #expect(servedFromCache == [false, true, false])
        let stats = cache.stats()
        #expect(stats.totalEntries == 6 && stats.counters.hits == 3 && stats.counters.misses == 6 && stats.expiredEntries == 0)
        #expect(stats.topSymbols.map(\.name).sorted() == ["BTCUSDT", "ETHUSDT"])
        #expect(stats.byTimeframe.map(\.name) == ["1m"] && stats.totalBytes > 0)
        // ETHUSDT was downloaded last (never read again); each BTCUSDT file was read once from disk.
        #expect(stats.recentAccess.first?.symbol == "ETHUSDT" && stats.recentAccess.first?.hits == 0)
        #expect(stats.recentAccess.filter { $0.symbol == "BTCUSDT" }.map(\.hits) == [1, 1, 1])

        #expect(cache.clear(olderThan: 3600).filesRemoved == 0)
        let cleared = cache.clear(symbol: "ETHUSDT")
        #expect(cleared.filesRemoved == 3 && cleared.entriesRemoved == 3 && cleared.bytesFreed > 0)
        #expect(cache.stats().totalEntries == 3)
        #expect(cache.stats(now: Date().addingTimeInterval(7200)).expiredEntries == 3)
        _ = try await service.bars(BarQuery(symbol: "ETHUSDT", timeframe: .oneHour, range: range))
        #expect(remote.downloadCount == 9)

        // Bypassing the cache downloads again and leaves the cache as it was.
        let before = cache.stats()
        let bypassed = try await service.bypassingCache().bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(bypassed.bars == direct.bars && !bypassed.servedFromCache && remote.downloadCount == 12)
        #expect(cache.stats() == before)
    }

    @Test func staysWithinItsBoundEvictingTheLeastRecentlyRead() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-bound")
        let objectSize = try #require(try lake.catalog.objects(symbol: "BTCUSDT", timeframe: .oneMinute, overlapping: range).first?.size)
        // Room for four of the six objects.
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600, maximumBytes: objectSize * 4 + objectSize / 2)
        let remote = CountingStore(lake.store)
        let service = try Self.service(lake, remote, cache)
        _ = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        _ = try await service.bars(BarQuery(symbol: "ETHUSDT", timeframe: .oneHour, range: range))
        let stats = cache.stats()
        #expect(stats.totalBytes <= cache.maximumBytes && stats.counters.evictions >= 2)
        #expect(stats.topSymbols.first?.name == "ETHUSDT")   // the BTCUSDT files were read longest ago
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: cache.root).filter { $0.contains(".etag-") }
        #expect(onDisk.count == stats.totalEntries)
    }

    @Test func forgetsChangedObjectsAndKeepsItsEntriesAcrossARestart() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-restart")
        let directory = Self.cacheDirectory(lake)
        let remote = CountingStore(lake.store)
        let cache = try ObjectCache(directory: directory, ttlSeconds: 3600)
        _ = try await Self.service(lake, remote, cache).bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(remote.downloadCount == 3)

        let restarted = try ObjectCache(directory: directory, ttlSeconds: 3600)
        #expect(restarted.stats().totalEntries == 3 && restarted.stats().totalBytes == cache.stats().totalBytes)
        _ = try await Self.service(lake, remote, restarted).bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(remote.downloadCount == 3 && restarted.stats().counters.hits == 3)

        let keys = try lake.catalog.objects(symbol: "BTCUSDT", timeframe: .oneMinute, overlapping: range).map(\.key)
        #expect(restarted.invalidate(objectKeys: keys.prefix(2)) == 2)
        #expect(restarted.stats().totalEntries == 1 && restarted.stats().counters.invalidations == 2)
        _ = try await Self.service(lake, remote, restarted).bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(remote.downloadCount == 5)
    }

    @Test func filesRemovedBehindTheCachesBackAreDownloadedAgain() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-removed")
        let remote = CountingStore(lake.store)
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600)
        let service = try Self.service(lake, remote, cache)
        let first = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        try FileManager.default.removeItem(atPath: cache.root)
        #expect(try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range)).bars == first.bars)
        #expect(remote.downloadCount == 6 && cache.stats().totalEntries == 3)
        // Entries whose files were gone are misses, not hits, and no object changed.
        let counters = cache.stats().counters
        #expect(counters.hits == 0 && counters.misses == 6 && counters.invalidations == 0)
    }

    /// A concurrent query's eviction (or a clear) can remove an entry between its download and
    /// the read of the query that downloaded it: what the download hands back must not depend
    /// on the entry still being there.
    @Test func aDownloadStaysReadableWhenItsEntryGoesAtOnce() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-gone")
        let record = try #require(try lake.catalog.objects(symbol: "BTCUSDT", timeframe: .oneMinute, overlapping: range).first)
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600)
        let filled = try await cache.fill(record, from: CountingStore(lake.store))
        #expect(cache.clear().filesRemoved == 1)
        let bars = try await PartDecoder.bars(PartSource(bytes: filled, format: .parquet, origin: .store), range: range)
        #expect(bars.count == 1440)
    }

    /// The cache is an optimisation: a download it cannot store (disk full, a path it cannot
    /// create) still answers the query, uncached.
    @Test func aDownloadThatCannotBeStoredIsStillServed() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-unwritable")
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600)
        // A file where the entries' first directory must go.
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: cache.root + "/timeframe=1m"))
        let remote = CountingStore(lake.store)
        let result = try await Self.service(lake, remote, cache).bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range))
        #expect(try await result.bars == lake.service().bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range)).bars)
        #expect(remote.downloadCount == 3 && cache.stats().totalEntries == 0)
    }

    @Test func csvObjectsAreCachedWholeWhateverTheirSize() async throws {
        let lake = try TestLake("cache-csv")
        let day = epochDay(2024, 4, 1)
        let record = try await lake.writeDay(symbol: "CSVBARS", day: day, fileName: "part-00000.csv") { bars in
            var csv: [UInt8] = []
            CSVWriter.appendHeader(bars.columnTable(), to: &csv)
            CSVWriter.append(bars.columnTable(), to: &csv)
            return csv
        }
        let remote = CountingStore(lake.store)
        let cache = try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600)
        // A threshold of 0 would send any Parquet object to ranged reads; CSV has no footer to range over.
        let service = BarQueryService(planner: QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones()),
                                      loader: ObjectLoader(store: remote, cache: cache, rangedReadThreshold: 0))
        let query = BarQuery(symbol: "CSVBARS", timeframe: .oneHour, range: day * 86_400_000..<(day + 1) * 86_400_000, asOf: 0)
        let expected = try await lake.service(now: 0).bars(query).bars
        for _ in 0..<2 { #expect(try await service.bars(query).bars == expected) }
        #expect(remote.counted == CountingStore.Counts(wholeGets: 1, rangedGets: 0, bytes: Int(record.size)))
        #expect(cache.stats().counters.hits == 1)
    }

    @Test func concurrentMissesOfOneObjectShareADownload() async throws {
        let (lake, range) = try await Self.twoSymbolLake("cache-concurrent")
        let remote = CountingStore(lake.store)
        let service = try Self.service(lake, remote, try ObjectCache(directory: Self.cacheDirectory(lake), ttlSeconds: 3600))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try await service.bars(BarQuery(symbol: "BTCUSDT", timeframe: .oneHour, range: range)) }
            }
            try await group.waitForAll()
        }
        #expect(remote.downloadCount == 3)
    }
}
