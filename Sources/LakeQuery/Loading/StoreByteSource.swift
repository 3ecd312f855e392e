import LakeFormats
import LakeStorage

/// A Parquet byte source over ranged GETs of one store object, so that reading a footer
/// fetches the file's tail and reading columns fetches only their chunks, not the file.
///
/// ```swift
/// let reader = try await ParquetFileReader.open(StoreByteSource(store: s3, key: key, size: Int(record.size)))
/// ```
public struct StoreByteSource: ParquetByteSource {
    /// The store holding the object.
    public let store: any ObjectStore
    /// The object's key.
    public let key: String
    /// The object's size (from the catalog or a listing): the footer is read from its end.
    public let size: Int

    /// A source over `key` of `size` bytes in `store`.
    public init(store: any ObjectStore, key: String, size: Int) {
        self.store = store
        self.key = key
        self.size = size
    }

    /// Exactly `length` bytes from `offset`, in one ranged GET.
    public func read(offset: Int, length: Int) async throws -> [UInt8] {
        guard length > 0 else { return [] }
        let bytes = try await store.get(key, range: ByteRange(first: Int64(offset), last: Int64(offset + length - 1)))
        guard bytes.count == length else {
            throw ParquetError(.io, "'\(key)' returned \(bytes.count) bytes for a \(length)-byte range (object changed while read?)")
        }
        return bytes
    }
}
