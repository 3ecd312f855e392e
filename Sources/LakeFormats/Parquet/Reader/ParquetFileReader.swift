/// Reads flat Parquet files into `ColumnTable`s.
///
/// Opening reads only the footer. A read then fetches (or, for local files, maps) only the
/// chunks of the requested columns and row groups, and decodes them, in parallel over row
/// groups when `threads > 1`.
///
/// ```swift
/// let reader = try ParquetFileReader(path: "bars.parquet")
/// let table = try reader.readLocal(columns: ["timestamp", "close"], threads: 4)
/// let remote = try await ParquetFileReader.open(s3Source)   // footer only
/// let januaryOnly = try await remote.read(rowGroups: remote.rowGroups(where: "timestamp", overlaps: range))
/// ```
public final class ParquetFileReader: Sendable {
    /// The decoded footer.
    public let metadata: FileMetaData
    /// The leaf columns.
    public let schema: ParquetSchema
    /// Allocation bounds applied to everything the file declares.
    public let limits: ParquetReaderLimits
    /// Whether page CRCs are verified when present (default true).
    public let verifyChecksums: Bool
    private let source: any ParquetByteSource
    /// Where the footer starts: column chunks must end before it.
    private let dataEnd: Int

    private init(source: any ParquetByteSource, metadata: FileMetaData, footerLength: Int, limits: ParquetReaderLimits,
                 verifyChecksums: Bool) throws(ParquetError) {
        self.source = source
        self.metadata = metadata
        self.limits = limits
        self.verifyChecksums = verifyChecksums
        schema = try ParquetSchema(metadata.schema)
        dataEnd = source.size - 8 - footerLength
    }

    /// Opens a file through a ranged source: one read of the tail (two if the footer is
    /// larger than 64 KiB).
    public static func open(_ source: any ParquetByteSource, limits: ParquetReaderLimits = ParquetReaderLimits(),
                            verifyChecksums: Bool = true) async throws -> ParquetFileReader {
        if let bytes = source.contiguousBytes {
            return try ParquetFileReader(contiguous: bytes, source: source, limits: limits, verifyChecksums: verifyChecksums)
        }
        let size = source.size
        guard size >= 12 else { throw ParquetError(.notParquet, "file of \(size) bytes is too short") }
        var tail = try await source.read(offset: size - min(size, ParquetFooter.speculativeTailSize),
                                         length: min(size, ParquetFooter.speculativeTailSize))
        let length = try tail.withUnsafeBytes { try ParquetFooter.footerLength(tail: $0, fileSize: size, limits: limits) }
        if length + 8 > tail.count { tail = try await source.read(offset: size - length - 8, length: length + 8) }
        let (metadata, _) = try tail.withUnsafeBytes { try ParquetFooter.decode(tail: $0, fileSize: size, limits: limits) }
        return try ParquetFileReader(source: source, metadata: metadata, footerLength: length, limits: limits,
                                     verifyChecksums: verifyChecksums)
    }

    /// Opens a local file, memory-mapped; `prefault: false` maps it without reading it in, for
    /// callers that touch only the footer and a few column chunks.
    public convenience init(path: String, limits: ParquetReaderLimits = ParquetReaderLimits(),
                            verifyChecksums: Bool = true, prefault: Bool = true) throws(ParquetError) {
        let source = try MappedFileSource(path: path, prefault: prefault)
        try self.init(contiguous: source.contiguousBytes!, source: source, limits: limits, verifyChecksums: verifyChecksums)
    }

    /// Opens a file held in memory.
    public convenience init(bytes: [UInt8], limits: ParquetReaderLimits = ParquetReaderLimits(),
                            verifyChecksums: Bool = true) throws(ParquetError) {
        let source = InMemoryByteSource(bytes)
        try self.init(contiguous: source.contiguousBytes!, source: source, limits: limits, verifyChecksums: verifyChecksums)
    }

    private convenience init(contiguous file: ContiguousFileBytes, source: any ParquetByteSource,
                             limits: ParquetReaderLimits, verifyChecksums: Bool) throws(ParquetError) {
        let bytes = file.bytes
        guard bytes.count >= 12, Array(bytes[0..<4]) == ParquetFooter.magic else {
            throw ParquetError(.notParquet, "missing PAR1 magic at the start")
        }
        let (metadata, length) = try ParquetFooter.decode(tail: bytes, fileSize: bytes.count, limits: limits)
        try self.init(source: source, metadata: metadata, footerLength: length, limits: limits, verifyChecksums: verifyChecksums)
    }

    /// Rows in the file.
    public var rowCount: Int { Int(metadata.numRows) }

    /// Reads `columns` (by name; all flat columns when nil) of `rowGroups` (all when nil),
    /// fetching only their chunks from ranged sources.
    public func read(columns: [String]? = nil, rowGroups: [Int]? = nil, threads: Int = 1) async throws -> ColumnTable {
        let plan = try makePlan(columns: columns, rowGroups: rowGroups)
        if let file = source.contiguousBytes { return try decode(plan, chunks: .contiguous(file), threads: threads) }
        let fetched = try await Self.fetch(plan.fetchRanges(), from: source, concurrency: limits.maximumConcurrentFetches)
        return try decode(plan, chunks: .fetched(fetched), threads: threads)
    }

    /// `read` for sources that hold the file in memory (local, mapped files), synchronously.
    public func readLocal(columns: [String]? = nil, rowGroups: [Int]? = nil, threads: Int = 1) throws(ParquetError) -> ColumnTable {
        guard let file = source.contiguousBytes else { throw ParquetError(.invalidRequest, "source is not in memory; use read()") }
        return try decode(makePlan(columns: columns, rowGroups: rowGroups), chunks: .contiguous(file), threads: threads)
    }

    private func makePlan(columns: [String]?, rowGroups: [Int]?) throws(ParquetError) -> ReadPlan {
        var leaves: [Int] = []
        if let columns {
            for name in columns {
                guard let leaf = schema.leafIndex(of: name) else {
                    throw ParquetError(.invalidRequest, "no flat column named \(name)")
                }
                leaves.append(leaf)
            }
        } else {
            leaves = schema.leaves.indices.filter { schema.leaves[$0].isFlat }
        }
        let groups = rowGroups ?? Array(metadata.rowGroups.indices)
        guard groups.allSatisfy({ metadata.rowGroups.indices.contains($0) }) else {
            throw ParquetError(.invalidRequest, "row group out of range 0..<\(metadata.rowGroups.count)")
        }
        return try ReadPlan(metadata: metadata, schema: schema, leaves: leaves, rowGroups: groups, dataEnd: dataEnd,
                            limits: limits)
    }

    private func decode(_ plan: ReadPlan, chunks: ChunkBytes, threads: Int) throws(ParquetError) -> ColumnTable {
        let decoder = PlannedTableDecoder(descriptors: plan.leaves.map { schema.leaves[$0] }, plan: plan, chunks: chunks,
                                          limits: limits, verifyChecksums: verifyChecksums, threads: threads)
        return ColumnTable(columns: try decoder.decode(), rowCount: plan.totalRows)
    }
}
