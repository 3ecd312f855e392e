import LakeFormats
import LakeStorage

/// A Parquet byte source over ranged GETs of one store object, so that reading a footer
/// fetches the file's tail, not the file.
struct StoreByteSource: ParquetByteSource {
    let store: any ObjectStore
    let key: String
    let size: Int

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        guard length > 0 else { return [] }
        let bytes = try await store.get(key, range: ByteRange(first: Int64(offset), last: Int64(offset + length - 1)))
        guard bytes.count == length else {
            throw ParquetError(.io, "'\(key)' returned \(bytes.count) bytes for a \(length)-byte range (object changed while read?)")
        }
        return bytes
    }
}
