/// How `ParquetWriter` lays out a file.
public struct ParquetWriterOptions: Sendable {
    /// Rows per row group (default 1,048,576, as pyarrow).
    public var rowGroupSize: Int = 1 << 20
    /// Target uncompressed bytes of values per data page (default 1 MiB).
    public var pageSize: Int = 1 << 20
    /// Page compression: `.snappy` (default), `.zstd` or `.uncompressed`.
    public var codec: CompressionCodec = .snappy
    /// zstd level when `codec == .zstd`.
    public var zstdLevel: Int32 = 3
    /// Dictionary-encode string columns while the dictionary stays small.
    public var dictionaryForStrings = true
    /// Largest dictionary (bytes of distinct values) before falling back to PLAIN.
    public var maximumDictionarySize: Int = 1 << 20
    /// Add a CRC-32 to every page header.
    public var pageChecksums = true
    /// File key-value metadata.
    public var keyValueMetadata: [KeyValue] = []
    /// The `created_by` string.
    public var createdBy = "candlelake"

    /// The defaults.
    public init() {}
}
