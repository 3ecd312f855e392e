/// The bytes of the column chunks a read needs: views into a whole in-memory file, or the
/// ranges fetched from a ranged source.
enum ChunkBytes: Sendable {
    case contiguous(ContiguousFileBytes)
    /// Fetched chunks by `ReadPlan.key(rowGroup:leaf:)`.
    case fetched([Int: [UInt8]])

    /// Runs `body` over the bytes of the chunk at `location` with key `key`.
    func withChunk<R>(_ location: ChunkLocation, key: Int,
                      _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        switch self {
        case .contiguous(let file):
            return try body(UnsafeRawBufferPointer(rebasing: file.bytes[location.offset..<location.offset + location.length]))
        case .fetched(let chunks):
            guard let bytes = chunks[key] else { throw ParquetError(.io, "chunk \(key) was not fetched") }
            return try bytes.withUnsafeBufferPointer { buffer throws(ParquetError) in try body(UnsafeRawBufferPointer(buffer)) }
        }
    }
}
