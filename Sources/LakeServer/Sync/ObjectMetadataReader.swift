import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage

/// Reads an object's row count and time range for the catalog without downloading it where
/// the format allows: a Parquet file's footer (one ranged GET of its tail) and the time
/// column's statistics; only when those are missing, the time column's chunks (see
/// ``ParquetContent``). CSV has no
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
        return try await ParquetContent.metadata(of: reader, partition: partition)
    }

    private func csvMetadata(key: String, size: Int, partition: PartitionKey) async throws -> ObjectMetadata {
        guard size <= maximumCSVBytes else {
            throw ContentProblem("CSV object of \(size) bytes is larger than the \(maximumCSVBytes)-byte scan limit; store it as Parquet")
        }
        let document = try CSVDocument(bytes: try await store.get(key))
        return try PartitionContent.metadata(of: document.table, lines: document.lines, partition: partition)
    }
}
