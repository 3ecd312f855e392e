import LakeStorage

/// Reads an object (or a byte range of it) as a sequence of ranged GETs, so that a download
/// to a client or to a spool file holds one chunk at a time and waits for its consumer
/// between chunks (back-pressure without threads).
enum ObjectChunks {
    /// Bytes per ranged GET: large enough that per-request overhead is small against S3,
    /// small enough to bound memory per transfer.
    static let chunkSize: Int64 = 4 << 20

    /// Calls `consume` with successive chunks of `key` covering `first...last`.
    static func forEach(_ store: any ObjectStore, key: String, first: Int64, last: Int64,
                        _ consume: ([UInt8]) async throws -> Void) async throws {
        var offset = first
        while offset <= last {
            let end = min(last, offset + chunkSize - 1)
            let bytes = try await store.get(key, range: ByteRange(first: offset, last: end))
            guard bytes.count == Int(end - offset + 1) else {
                throw ObjectStoreError.invalidRange(key: key, range: ByteRange(first: offset, last: end), size: offset + Int64(bytes.count))
            }
            try await consume(bytes)
            offset = end + 1
        }
    }
}
