/// Which leaves and row groups a read decodes, where their chunks are, and where each row
/// group's rows go in the output.
struct ReadPlan: Sendable {
    /// Leaf indexes, in output order.
    let leaves: [Int]
    /// Row group indexes, in file order.
    let rowGroups: [Int]
    /// First output row of each planned row group.
    let rowOffsets: [Int]
    /// Rows of each planned row group.
    let rowCounts: [Int]
    /// Output rows in total.
    let totalRows: Int
    /// `locations[g][l]`: chunk of planned row group `g`, planned leaf `l`.
    let locations: [[ChunkLocation]]
    let codecs: [[CompressionCodec]]
    /// `nullCounts[g][l]`: nulls the chunk's statistics declare, nil when they do not say.
    let nullCounts: [[Int64?]]
    private let leafCount: Int

    init(metadata: FileMetaData, schema: ParquetSchema, leaves: [Int], rowGroups: [Int], dataEnd: Int,
         limits: ParquetReaderLimits) throws(ParquetError) {
        var offsets: [Int] = [], counts: [Int] = [], locations: [[ChunkLocation]] = [], codecs: [[CompressionCodec]] = []
        var nullCounts: [[Int64?]] = []
        var total = 0
        for group in rowGroups {
            let rowGroup = metadata.rowGroups[group]
            guard rowGroup.columns.count == schema.leaves.count else {
                throw ParquetError.metadata("row group \(group) has \(rowGroup.columns.count) chunks for \(schema.leaves.count) columns")
            }
            let rows = Int(rowGroup.numRows)
            guard rows <= limits.maximumRows - total else {
                throw ParquetError(.invalidRequest, "more than \(limits.maximumRows) rows requested")
            }
            var groupLocations: [ChunkLocation] = [], groupCodecs: [CompressionCodec] = [], groupNulls: [Int64?] = []
            for leaf in leaves {
                let descriptor = schema.leaves[leaf]
                let chunk = rowGroup.columns[leaf]
                guard chunk.filePath == nil else { throw ParquetError(.unsupported, "column chunks in other files") }
                guard let meta = chunk.metaData else { throw ParquetError(.unsupported, "column \(descriptor.name) has no metadata (encrypted?)") }
                guard meta.type == descriptor.physicalType else {
                    throw ParquetError.metadata("column \(descriptor.name): chunk type differs from the schema")
                }
                groupLocations.append(try ChunkLocation(meta, dataEnd: dataEnd, column: descriptor.name))
                groupCodecs.append(meta.codec)
                groupNulls.append(meta.statistics?.nullCount)
            }
            offsets.append(total)
            counts.append(rows)
            locations.append(groupLocations)
            codecs.append(groupCodecs)
            nullCounts.append(groupNulls)
            total += rows
        }
        self.leaves = leaves
        self.rowGroups = rowGroups
        rowOffsets = offsets
        rowCounts = counts
        totalRows = total
        self.locations = locations
        self.codecs = codecs
        self.nullCounts = nullCounts
        leafCount = leaves.count
    }

    /// A key naming planned row group `group` and planned leaf `leaf`.
    func key(group: Int, leaf: Int) -> Int { group * leafCount + leaf }

    /// One ranged read: a byte range and the chunks (by key) inside it.
    struct FetchRange: Sendable {
        var offset: Int
        var length: Int
        var chunks: [(key: Int, location: ChunkLocation)]
    }

    /// Byte ranges to fetch, chunks closer than `maximumGap` merged into one request.
    func fetchRanges(maximumGap: Int = 1 << 20) -> [FetchRange] {
        var all: [(key: Int, location: ChunkLocation)] = []
        for group in locations.indices {
            for leaf in locations[group].indices { all.append((key(group: group, leaf: leaf), locations[group][leaf])) }
        }
        all.sort { $0.location.offset < $1.location.offset }
        var ranges: [FetchRange] = []
        for chunk in all {
            let end = chunk.location.offset + chunk.location.length
            if let last = ranges.last, chunk.location.offset <= last.offset + last.length + maximumGap {
                ranges[ranges.count - 1].length = max(last.length, end - last.offset)
                ranges[ranges.count - 1].chunks.append(chunk)
            } else {
                ranges.append(FetchRange(offset: chunk.location.offset, length: chunk.location.length, chunks: [chunk]))
            }
        }
        return ranges
    }
}
