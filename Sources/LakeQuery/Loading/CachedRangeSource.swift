import LakeCatalog
import LakeFormats
import LakeStorage

/// A Parquet byte source over one large store object whose ranges (the footer's tail, then
/// column chunks) are read through the ``ObjectCache``: a range fetched once is a local file
/// for every later query of the same row groups and columns.
struct CachedRangeSource: ParquetByteSource {
    let cache: ObjectCache
    let record: ObjectRecord
    let store: any ObjectStore

    var size: Int { Int(record.size) }

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        guard length > 0 else { return [] }
        return try await cache.range(of: record, offset: offset, length: length, from: store)
    }
}
