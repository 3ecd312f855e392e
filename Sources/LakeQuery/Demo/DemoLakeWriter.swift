import LakeCatalog
import LakeCore
import LakeFormats
import LakeStorage

/// Writes bars into a lake as Parquet partitions under the standard layout and indexes each
/// object in the catalog right away (so a demo is queryable without waiting for a sync; a
/// later sync finds the same ETags and changes nothing).
public struct DemoLakeWriter: Sendable {
    /// Where objects go.
    public let store: any ObjectStore
    /// Where they are indexed.
    public let catalog: Catalog
    /// The key layout (base prefix).
    public let layout: LakeLayout

    /// A writer into `store` and `catalog` under `layout`.
    public init(store: any ObjectStore, catalog: Catalog, layout: LakeLayout) {
        self.store = store
        self.catalog = catalog
        self.layout = layout
    }

    /// Writes `bars` (one partition's worth, ascending) of `symbol` on `exchange` at
    /// `timeframe` as `fileName`, and returns the catalog record.
    @discardableResult
    public func write(_ bars: BarBatch, timeframe: Timeframe, exchange: String, symbol: String,
                      fileName: String = "part-00000.parquet") async throws -> ObjectRecord {
        precondition(!bars.isEmpty, "a partition needs at least one bar")
        let partition = try PartitionKey(writing: timeframe, exchange: exchange, symbol: symbol,
                                         containing: bars.time[0], fileName: fileName)
        let key = layout.objectKey(for: partition)
        try await store.put(key, bytes: try ParquetWriter.write(bars: bars), contentType: "application/vnd.apache.parquet")
        let info = try await store.head(key)
        let record = try ObjectRecord(key: key, partition: partition, minTime: bars.time.min()!, maxTime: bars.time.max()!,
                                      rowCount: Int64(bars.count), size: info.size, etag: info.etag,
                                      lastModified: Int64(info.lastModified.timeIntervalSince1970 * 1000),
                                      indexedAt: Int64(info.lastModified.timeIntervalSince1970 * 1000))
        try catalog.upsert([record])
        return record
    }
}
