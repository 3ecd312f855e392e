/// A local file, memory-mapped: the reader's fast path.
public struct MappedFileSource: ParquetByteSource {
    private let storage: ContiguousFileBytes

    /// Maps the file at `path` (all of it read in at once when `prefault`).
    public init(path: String, prefault: Bool = true) throws(ParquetError) {
        storage = try ContiguousFileBytes(mapping: path, prefault: prefault)
    }

    public var size: Int { storage.bytes.count }

    public func read(offset: Int, length: Int) async throws -> [UInt8] {
        try storage.slice(offset: offset, length: length)
    }

    public var contiguousBytes: ContiguousFileBytes? { storage }
}
