import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage

/// Reads an object's row count and time range for the catalog without downloading it where
/// the format allows: a Parquet file's footer (one ranged GET of its tail) and the time
/// column's statistics; only when those are missing, the needed column chunks. CSV has no
/// footer, so CSV objects are scanned whole (up to ``maximumCSVBytes``).
public struct ObjectMetadataReader: Sendable {
    /// The store objects are read from.
    public let store: any ObjectStore
    /// Largest CSV object scanned; bigger ones are rejected rather than loaded into memory.
    public var maximumCSVBytes = 256 << 20

    /// A reader over `store`.
    public init(store: any ObjectStore) {
        self.store = store
    }

    /// The metadata of `object`, checked against `partition` (OHLCV columns present).
    public func metadata(of object: ListedObject, partition: PartitionKey) async throws -> ObjectMetadata {
        switch partition.format {
        case .parquet: return try await parquetMetadata(key: object.key, size: Int(object.size), partition: partition)
        case .csv, .csvGzip: return try await csvMetadata(key: object.key, size: Int(object.size), partition: partition)
        }
    }

    private func parquetMetadata(key: String, size: Int, partition: PartitionKey) async throws -> ObjectMetadata {
        let reader = try await ParquetFileReader.open(StoreByteSource(store: store, key: key, size: size))
        guard let leaf = ParquetTimeStatistics.timeLeaf(in: reader.schema) else {
            throw ContentProblem("no time column (looked for \(ColumnAliases.time.joined(separator: ", ")))")
        }
        let names = reader.schema.flatColumns.map { $0.name.lowercased().filter { $0 != " " } }
        let required = partition.timeframe == .trades ? [("price", ColumnAliases.price), ("size", ColumnAliases.size)]
            : [("open", ColumnAliases.open), ("high", ColumnAliases.high), ("low", ColumnAliases.low),
               ("close", ColumnAliases.close), ("volume", ColumnAliases.volume)]
        if let missing = required.first(where: { _, aliases in !aliases.contains(where: names.contains) }) {
            throw ContentProblem("not OHLCV data: no \(missing.0) column")
        }
        guard reader.rowCount > 0 else { return ObjectMetadata(rowCount: 0, timeRange: nil) }
        if let range = ParquetTimeStatistics.timeRange(reader.metadata, leaf: leaf, descriptor: reader.schema.leaves[leaf]) {
            return ObjectMetadata(rowCount: Int64(reader.rowCount), timeRange: range)
        }
        // No usable statistics: fetch the column chunks (still ranged reads) and map them.
        let table = try await reader.read(columns: reader.schema.flatColumns.map(\.name))
        return try PartitionContent.metadata(of: table, lines: nil, partition: partition)
    }

    private func csvMetadata(key: String, size: Int, partition: PartitionKey) async throws -> ObjectMetadata {
        guard size <= maximumCSVBytes else {
            throw ContentProblem("CSV object of \(size) bytes is larger than the \(maximumCSVBytes)-byte scan limit; store it as Parquet")
        }
        let document = try CSVDocument(bytes: try await store.get(key))
        return try PartitionContent.metadata(of: document.table, lines: document.lines, partition: partition)
    }
}
