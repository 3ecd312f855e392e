import LakeCatalog
import LakeCore
import LakeQuery
import Testing

/// Parts are merged in time order and deduplicated: the newest part (last-modified, then key)
/// wins a repeated bar time.
@Suite struct MergeTests {
    static func bars(_ times: [Int64], close: Double) -> BarBatch {
        BarBatch(times.map { Bar(time: $0 * 60_000, open: close, high: close, low: close, close: close, volume: 1) })
    }

    @Test func newestPartWinsRepeatedTimes() async throws {
        let lake = try TestLake("merge")
        let day = epochDay(2024, 5, 1) * 86_400_000
        let minute = Int64(day / 60_000)
        try await lake.writer.write(Self.bars([0, 1, 2, 3].map { minute + $0 }, close: 1), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X", fileName: "part-00001.parquet")
        try await lake.writer.write(Self.bars([2, 3, 4].map { minute + $0 }, close: 2), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X", fileName: "part-00002.parquet")
        // Same last-modified as part 2 would be decided by key order; force part 0 older.
        try await lake.writer.write(Self.bars([0].map { minute + $0 }, close: 0), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X", fileName: "part-00000.parquet")
        var objects = try lake.catalog.objects(symbol: "X", timeframe: .oneMinute, overlapping: day..<(day + 86_400_000))
        #expect(objects.count == 3)
        // Rewrite the records' last-modified so the rule is tested exactly: part 0 newest.
        objects = try objects.map { record in
            let modified: Int64 = record.partition.fileName == "part-00000.parquet" ? 3_000 : 1_000
            return try ObjectRecord(key: record.key, partition: record.partition, minTime: record.minTime, maxTime: record.maxTime,
                                    rowCount: record.rowCount, size: record.size, etag: record.etag, lastModified: modified,
                                    indexedAt: record.indexedAt)
        }
        try lake.catalog.upsert(objects)
        let merged = try await ObjectLoader(store: lake.store).bars(objects, range: day..<(day + 86_400_000))
        #expect(merged.time == [0, 1, 2, 3, 4].map { (minute + $0) * 60_000 })
        // minute 0: part 0 is newest (3,000 ms); minutes 2–3: equal times 1,000 → greater key part-00002 wins.
        #expect(merged.close == [0, 1, 2, 2, 2])
        let hour = try await lake.service().bars(BarQuery(symbol: "X", timeframe: .oneHour, range: day..<(day + 86_400_000)))
        #expect(hour.bars.count == 1 && hour.bars[0].volume == 5 && hour.bars[0].open == 0 && hour.bars[0].close == 2)
    }

    /// A compacted object ranks as the newest part it replaced, not as the moment it was written:
    /// a part ranked between the two wins over it, whatever their last-modified times say.
    @Test(arguments: [(2_000 as Int64, "part-00001.parquet", 2.0), (1_000, "part-00009.parquet", 2.0), (1_000, "part-00000.parquet", 1.0),
                      (500, "part-00009.parquet", 1.0)])
    func aCompactedObjectRanksAsTheNewestPartItReplaced(rankModified: Int64, rankFileName: String, winner: Double) async throws {
        let lake = try TestLake("rank")
        let day = epochDay(2024, 5, 1) * 86_400_000
        let minute = Int64(day / 60_000)
        try await lake.writer.write(Self.bars([0, 1].map { minute + $0 }, close: 1), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X", fileName: "part-00005.parquet")
        try await lake.writer.write(Self.bars([1, 2].map { minute + $0 }, close: 2), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X", fileName: "compacted-1.parquet")
        let objects = try lake.catalog.objects(symbol: "X", timeframe: .oneMinute, overlapping: day..<(day + 86_400_000)).map { record in
            let compacted = record.partition.fileName.hasPrefix("compacted-")
            let directory = String(record.key[...record.key.lastIndex(of: "/")!])
            return try ObjectRecord(key: record.key, partition: record.partition, minTime: record.minTime, maxTime: record.maxTime,
                                    rowCount: record.rowCount, size: record.size, etag: record.etag, lastModified: compacted ? 9_000 : 1_000,
                                    indexedAt: record.indexedAt,
                                    rankedAs: compacted ? PartPrecedence(lastModified: rankModified, key: directory + rankFileName) : nil)
        }
        let merged = try await ObjectLoader(store: lake.store).bars(objects, range: day..<(day + 86_400_000))
        // Minute 1 is in both: part-00005 (1,000 ms) against the compacted object's rank (it was
        // written at 9,000 ms, which would make it win every case).
        #expect(merged.close == [1, winner, 2])
    }

    @Test func rowsOutsideTheRangeAreDropped() async throws {
        let lake = try TestLake("range")
        let day = epochDay(2024, 5, 1) * 86_400_000
        try await lake.writer.write(Self.bars((0..<10).map { day / 60_000 + $0 }, close: 1), timeframe: .oneMinute,
                                    exchange: "BINANCE", symbol: "X")
        let objects = try lake.catalog.objects(symbol: "X", timeframe: .oneMinute, overlapping: day..<(day + 86_400_000))
        let some = try await ObjectLoader(store: lake.store).bars(objects, range: (day + 120_000)..<(day + 300_000))
        #expect(some.time == [2, 3, 4].map { day + $0 * 60_000 })
    }
}
