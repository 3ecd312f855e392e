import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage
import LakeTestSupport
import Testing

/// Large remote objects are read by ranges against LocalStack: the footer, then only the
/// needed columns of the row groups whose time statistics overlap the query — far fewer bytes
/// than the object; small ones are downloaded whole into the cache and then read locally.
@Suite(.serialized) struct RangedReadTests {
    /// 200,000 trades over 2025-11-03 UTC (one every 432 ms), in 10 row groups of 20,000, with
    /// two columns (`trade_id`, `bid`) the loader never needs, stored on a fresh LocalStack prefix.
    private struct TradesObject {
        let store: S3Store
        let client: S3Client
        let prefix: String
        let record: ObjectRecord
        let trades: TradeBatch

        static let day: Int64 = 1_762_128_000_000

        init() async throws {
            let count = 200_000
            let time = (0..<count).map { Self.day + Int64($0) * 432 }
            var price = [Double](repeating: 0, count: count)
            var size = [Double](repeating: 0, count: count)
            var state: UInt64 = 42
            var last = 60_000.0
            for row in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                last += Double(Int64(state >> 40) % 2001 - 1000) / 100
                price[row] = last
                size[row] = Double((state >> 20) % 5000) / 1000 + 0.001
            }
            trades = TradeBatch(time: time, price: price, size: size)
            let table = ColumnTable(columns: [
                Column(descriptor: ColumnDescriptor(name: "timestamp", physicalType: .int64, repetition: .required,
                                                    logicalType: .timestamp(isAdjustedToUTC: true, unit: .milliseconds)),
                       values: .int64(time)),
                Column(descriptor: ColumnDescriptor(name: "price", physicalType: .double, repetition: .required), values: .double(price)),
                Column(descriptor: ColumnDescriptor(name: "size", physicalType: .double, repetition: .required), values: .double(size)),
                Column(descriptor: ColumnDescriptor(name: "trade_id", physicalType: .int64, repetition: .required),
                       values: .int64((0..<count).map { Int64($0) * 7_919 })),
                Column(descriptor: ColumnDescriptor(name: "bid", physicalType: .double, repetition: .required),
                       values: .double(price.map { $0 - 0.5 })),
            ], rowCount: count)
            var options = ParquetWriterOptions()
            options.rowGroupSize = 20_000
            let bytes = try ParquetWriter.write(table, options: options)

            client = S3Client(configuration: S3Configuration(endpoint: S3Endpoint(TestEnvironment.s3Endpoint), region: TestEnvironment.s3Region,
                                                             addressingStyle: .path),
                              credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: TestEnvironment.s3AccessKey,
                                                                                    secretAccessKey: TestEnvironment.s3SecretKey)))
            prefix = "tests/ranged-\(UUID().uuidString.prefix(8).lowercased())/"
            store = S3Store(client: client, bucket: TestEnvironment.s3Bucket, prefix: prefix)
            let partition = try PartitionKey(writing: .trades, exchange: "BINANCE", symbol: "BTCUSDT", containing: Self.day,
                                             fileName: "part-00000.parquet")
            let key = try LakeLayout().objectKey(for: partition)
            try await store.put(key, bytes: bytes)
            let info = try await store.head(key)
            record = try ObjectRecord(key: key, partition: partition, minTime: time[0], maxTime: time[count - 1], rowCount: Int64(count),
                                      size: info.size, etag: info.etag, lastModified: 0, indexedAt: 0)
        }

        /// The trades in `range`, straight from the generated columns.
        func expected(_ range: Range<Int64>) -> TradeBatch {
            let rows = trades.time.indices.filter { range.contains(trades.time[$0]) }
            return TradeBatch(time: rows.map { trades.time[$0] }, price: rows.map { trades.price[$0] }, size: rows.map { trades.size[$0] })
        }

        /// Uploads a fresh object, runs `body` with it and deletes it again, whether or not `body` throws.
        static func using(_ body: (TradesObject) async throws -> Void) async throws {
            let object = try await TradesObject()
            do {
                try await body(object)
            } catch {
                await object.remove()
                throw error
            }
            await object.remove()
        }

        func remove() async {
            _ = try? await client.deleteObjects(bucket: TestEnvironment.s3Bucket, keys: [prefix + record.key])
        }
    }

    /// Ten minutes starting `hour` hours into the day.
    private static func tenMinutes(at hour: Int64) -> Range<Int64> {
        let start = TradesObject.day + hour * 3_600_000
        return start..<(start + 600_000)
    }

    @Test func aNarrowQueryOfALargeObjectFetchesOnlyItsFooterAndNeededChunks() async throws {
        try await TradesObject.using { object in
            let counting = CountingStore(object.store)
            let directory = try TestEnvironment.temporaryDirectory("ranged").path
            let cache = try ObjectCache(directory: directory, ttlSeconds: 3600)
            let loader = ObjectLoader(store: counting, cache: cache, rangedReadThreshold: 1 << 20)
            #expect(object.record.size > 2 << 20)

            let morning = Self.tenMinutes(at: 10)
            #expect(try await loader.trades([object.record], range: morning) == object.expected(morning))
            let first = counting.counted
            // The footer (one tail read), then the three needed columns of one row group, coalesced into one range.
            #expect(first.wholeGets == 0 && first.rangedGets == 2)
            #expect(first.bytes * 8 < Int(object.record.size), "fetched \(first.bytes) of \(object.record.size) bytes")

            let evening = Self.tenMinutes(at: 20)
            #expect(try await loader.trades([object.record], range: evening) == object.expected(evening))
            let second = counting.counted
            #expect(second.rangedGets == 3 && second.wholeGets == 0)   // the footer came from memory

            // The same morning again: its chunks are cached files now, nothing is fetched.
            #expect(try await loader.trades([object.record], range: morning) == object.expected(morning))
            #expect(counting.counted == second)
            let stats = cache.stats()
            #expect(stats.counters.rangedReads == 3 && stats.counters.footerHits == 2 && stats.footerEntries == 1)
            #expect(stats.counters.chunkHits == 1)
            // Large objects are never downloaded whole: the entries are the ranges fetched
            // (the footer's tail and two sets of chunks), no more bytes than were fetched.
            #expect(stats.totalEntries == 3 && stats.totalBytes == Int64(second.bytes))

            // After a restart the footer's tail and the chunks are still local files.
            let restarted = try ObjectCache(directory: directory, ttlSeconds: 3600)
            #expect(restarted.stats().totalEntries == 3)
            let afterRestart = ObjectLoader(store: counting, cache: restarted, rangedReadThreshold: 1 << 20)
            #expect(try await afterRestart.trades([object.record], range: morning) == object.expected(morning))
            #expect(counting.counted == second)

            #expect(cache.invalidate(objectKeys: [object.record.key]) == 4 && cache.stats().footerEntries == 0)
            #expect(cache.stats().totalEntries == 0)
        }
    }

    @Test func rangesLargerThanATenthOfTheBoundAreNotKept() async throws {
        try await TradesObject.using { object in
            let counting = CountingStore(object.store)
            let bound: Int64 = 2 << 20
            let cache = try ObjectCache(directory: try TestEnvironment.temporaryDirectory("ranged-bound").path, ttlSeconds: 3600,
                                        maximumBytes: bound)
            let loader = ObjectLoader(store: counting, cache: cache, rangedReadThreshold: 1 << 20)
            let morning = Self.tenMinutes(at: 10)
            #expect(try await loader.trades([object.record], range: morning) == object.expected(morning))
            let first = counting.counted
            #expect(Int64(first.bytes) > bound / 10, "the chunks must outgrow a tenth of the bound for this test")
            #expect(try await loader.trades([object.record], range: morning) == object.expected(morning))
            // The chunks are fetched again (the footer came from memory); what was kept is small.
            #expect(counting.counted.rangedGets == first.rangedGets + 1)
            #expect(cache.stats().counters.chunkHits == 0 && cache.stats().totalBytes <= bound / 10)
        }
    }

    @Test func aSmallObjectIsDownloadedOnceAndThenReadFromTheCache() async throws {
        try await TradesObject.using { object in
            let counting = CountingStore(object.store)
            let cache = try ObjectCache(directory: try TestEnvironment.temporaryDirectory("ranged").path, ttlSeconds: 3600)
            let loader = ObjectLoader(store: counting, cache: cache, rangedReadThreshold: object.record.size)

            let range = Self.tenMinutes(at: 10)
            for _ in 0..<2 {
                #expect(try await loader.trades([object.record], range: range) == object.expected(range))
            }
            #expect(counting.counted == CountingStore.Counts(wholeGets: 1, rangedGets: 0, bytes: Int(object.record.size)))
            let stats = cache.stats()
            #expect(stats.totalEntries == 1 && stats.totalBytes == object.record.size && stats.counters.hits == 1)
        }
    }

    @Test func barQueriesThroughRangedReadsEqualLocalReads() async throws {
        // One day of minutes in 24 hourly row groups; read by ranges from a store that is not local.
        let lake = try TestLake("ranged-bars")
        let day = epochDay(2024, 3, 10)
        try await lake.writeDay(symbol: "RANGED", day: day, fileName: "part-00000.parquet") { bars in
            var options = ParquetWriterOptions()
            options.rowGroupSize = 60
            return try ParquetWriter.write(bars: bars, options: options)
        }
        let counting = CountingStore(lake.store)
        let ranged = BarQueryService(planner: QueryPlanner(catalog: lake.catalog, timeZones: try ExchangeTimeZones()),
                                     loader: ObjectLoader(store: counting, rangedReadThreshold: 0))
        let start = day * 86_400_000 + 9 * 3_600_000
        for (timeframe, hours) in [(Timeframe.oneHour, Int64(2)), (try Timeframe(parsing: "7"), 3), (.day, 24)] {
            let query = BarQuery(symbol: "RANGED", timeframe: timeframe, range: start..<(start + hours * 3_600_000), asOf: 0)
            #expect(try await ranged.bars(query).bars == (try await lake.service(now: 0).bars(query)).bars)
        }
        // Footer + one coalesced range of 2 groups; footer + 3 groups; footer + 15 groups.
        #expect(counting.counted.wholeGets == 0 && counting.counted.rangedGets == 6)
    }

    @Test func withoutACacheLargeObjectsAreStillReadByRanges() async throws {
        try await TradesObject.using { object in
            let counting = CountingStore(object.store)
            let range = Self.tenMinutes(at: 3)
            let trades = try await ObjectLoader(store: counting, rangedReadThreshold: 1 << 20).trades([object.record], range: range)
            #expect(trades == object.expected(range))
            #expect(counting.counted.wholeGets == 0 && counting.counted.bytes * 8 < Int(object.record.size))
        }
    }
}
