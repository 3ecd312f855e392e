import Foundation
import LakeCatalog
import LakeCore
import LakeQuery
import LakeStorage
import LakeTestSupport

/// A throwaway lake: a FileStore in a temporary directory, an in-memory catalog, and a query
/// service over them.
struct TestLake {
    let directory: URL
    let store: FileStore
    let catalog: Catalog
    let writer: DemoLakeWriter

    init(_ label: String) throws {
        directory = try TestEnvironment.temporaryDirectory(label)
        store = try FileStore(root: directory.appendingPathComponent("lake").path)
        catalog = try Catalog.inMemory()
        writer = DemoLakeWriter(store: store, catalog: catalog, layout: try LakeLayout())
    }

    /// A service with a fixed clock (`now`, epoch ms).
    func service(now: Int64 = 4_000_000_000_000, maximumRangeDays: Int? = nil) throws -> BarQueryService {
        BarQueryService(planner: QueryPlanner(catalog: catalog, timeZones: try ExchangeTimeZones()),
                        loader: ObjectLoader(store: store), maximumRangeDays: maximumRangeDays, now: { now })
    }

    /// Writes one-minute demo bars, one object per UTC day; returns the paths of the files.
    @discardableResult
    func writeMinutes(symbol: String, exchange: String, session: TradingSession, days: Range<Int64>,
                      seed: UInt64, gaps: Bool = true) async throws -> [String] {
        var generator = DemoBarGenerator(seed: seed)
        var paths: [String] = []
        for (_, bars) in generator.minuteBars(session: session, startPrice: 100, days: days, gaps: gaps) {
            let record = try await writer.write(bars, timeframe: .oneMinute, exchange: exchange, symbol: symbol)
            paths.append(store.root + "/" + record.key)
        }
        return paths
    }
}

extension TestLake {
    /// One UTC `day` of gapless demo minutes of `symbol` on BINANCE, stored as `fileName` in the
    /// bytes `encode` makes of them, and indexed; its record.
    @discardableResult
    func writeDay(symbol: String, day: Int64, fileName: String, seed: UInt64 = 7,
                  encode: (BarBatch) throws -> [UInt8]) async throws -> ObjectRecord {
        var generator = DemoBarGenerator(seed: seed)
        let bars = generator.minuteBars(session: .allDay, startPrice: 100, days: day..<(day + 1), gaps: false)[0].1
        let partition = try PartitionKey(writing: .oneMinute, exchange: "BINANCE", symbol: symbol, containing: bars.time[0],
                                         fileName: fileName)
        let key = try LakeLayout().objectKey(for: partition)
        try await store.put(key, bytes: try encode(bars))
        let record = try ObjectRecord(key: key, partition: partition, minTime: bars.time.first!, maxTime: bars.time.last!,
                                      rowCount: Int64(bars.count), size: try await store.head(key).size, etag: "v1",
                                      lastModified: 0, indexedAt: 0)
        try catalog.upsert([record])
        return record
    }
}

/// Days since 1970-01-01 of a UTC date.
func epochDay(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    CivilDate(year: Int64(year), month: month, day: day).daysSinceEpoch
}
