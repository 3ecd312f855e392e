/// Where a Parquet file's bytes come from: a ranged reader (S3 GET with Range, a file),
/// so that the reader fetches only the footer and the column chunks it needs.
///
/// Sources that hold the whole file in memory (a memory-mapped file) also expose
/// `contiguousBytes`, and the reader then decodes in place without copying.
public protocol ParquetByteSource: Sendable {
    /// Total size of the file in bytes.
    var size: Int { get }
    /// Exactly `length` bytes starting at `offset` (within `0..<size`).
    func read(offset: Int, length: Int) async throws -> [UInt8]
    /// The whole file in memory, when the source has it.
    var contiguousBytes: ContiguousFileBytes? { get }
}

extension ParquetByteSource {
    /// Ranged sources have no whole-file view.
    public var contiguousBytes: ContiguousFileBytes? { nil }
}

/// A file held in memory, readable as a `ParquetByteSource` (tests, uploads).
public struct InMemoryByteSource: ParquetByteSource {
    private let storage: ContiguousFileBytes

    /// A source over a copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        storage = ContiguousFileBytes(copying: bytes)
    }

    public var size: Int { storage.bytes.count }

    public func read(offset: Int, length: Int) async throws -> [UInt8] {
        try storage.slice(offset: offset, length: length)
    }

    public var contiguousBytes: ContiguousFileBytes? { storage }
}
