import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage

/// Reads an object's row count and time range for the catalog without downloading it where
/// the format allows: a Parquet file's footer (one ranged GET of its tail) and the time
/// column's statistics; only when those are missing, the time column's chunks (see
/// ``ParquetContent``). CSV has no footer: a CSV object is scanned once through a bounded
/// buffer — in place in a local lake, else streamed to a scratch file first — so memory
/// stays flat whatever its size.
public struct ObjectMetadataReader: Sendable {
    /// The store objects are read from.
    public let store: any ObjectStore
    /// Where remote CSV objects are spooled while they are scanned (removed right after).
    public let scratchDirectory: String

    /// A reader over `store` spooling remote CSV objects into `scratchDirectory`.
    public init(store: any ObjectStore, scratchDirectory: String = NSTemporaryDirectory()) {
        self.store = store
        self.scratchDirectory = scratchDirectory
    }

    /// The metadata of `object`, checked against `partition` (OHLCV columns present).
    public func metadata(of object: ListedObject, partition: PartitionKey) async throws -> ObjectMetadata {
        switch partition.format {
        case .parquet: return try await parquetMetadata(key: object.key, size: Int(object.size), partition: partition)
        case .csv, .csvGzip: return try await csvMetadata(key: object.key, partition: partition)
        }
    }

    private func parquetMetadata(key: String, size: Int, partition: PartitionKey) async throws -> ObjectMetadata {
        let reader = try await ParquetFileReader.open(StoreByteSource(store: store, key: key, size: size))
        return try await ParquetContent.metadata(of: reader, partition: partition)
    }

    private func csvMetadata(key: String, partition: PartitionKey) async throws -> ObjectMetadata {
        if let files = store as? FileStore {
            return try PartitionContent.metadata(ofCSVFileAt: files.root + "/" + key, partition: partition)
        }
        let path = try ScratchFile.create(in: scratchDirectory, prefix: ScratchFile.syncPrefix)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        do {
            _ = try await store.get(key, range: nil) { chunk in try handle.write(contentsOf: Data(chunk)) }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        return try PartitionContent.metadata(ofCSVFileAt: path, partition: partition)
    }
}
