import LakeCatalog
import LakeCore
import LakeFormats

/// The check a Parquet object passes before it is indexed, reading as little as the file
/// allows: the footer for the schema (a time column and the OHLCV or trade columns, by any of
/// their aliases) and the row count, the time column's min/max statistics for the time range,
/// and only when those cannot be trusted, the time column itself, one row group at a time.
/// Uploads also have their price and volume columns decoded, one column chunk at a time.
/// Works over a memory-mapped upload and over ranged reads of a stored object alike.
enum ParquetContent {
    /// Row count and time range (nil without rows) of the file `reader` opened.
    /// - Throws: ``ContentProblem`` naming a missing column or a bad time value.
    static func metadata(of reader: ParquetFileReader, partition: PartitionKey) async throws -> ObjectMetadata {
        let leaf = try timeLeaf(of: reader, partition: partition)
        let lineage = try lineage(of: reader, partition: partition)
        guard reader.rowCount > 0 else { return ObjectMetadata(rowCount: 0, timeRange: nil, lineage: lineage) }
        if let range = ParquetTimeStatistics.timeRange(reader.metadata, leaf: leaf, descriptor: reader.schema.leaves[leaf]) {
            return ObjectMetadata(rowCount: Int64(reader.rowCount), timeRange: range, lineage: lineage)
        }
        var low = Int64.max, high = Int64.min
        try await forEachTimeGroup(reader, leaf: leaf, partition: partition) { times, _ in
            for time in times {
                low = min(low, time)
                high = max(high, time)
            }
        }
        return ObjectMetadata(rowCount: Int64(reader.rowCount), timeRange: low <= high ? low...high : nil, lineage: lineage)
    }

    /// What a compacted object's footer says it replaced; nil for any other object. Only
    /// objects named as the compactor names them count (clients cannot write such names, see
    /// ``LakeKeyPolicy``), so an uploaded footer cannot hide other parts.
    static func lineage(of reader: ParquetFileReader, partition: PartitionKey) throws -> CompactionLineage? {
        guard partition.fileName.hasPrefix(CompactionLineage.fileNamePrefix) else { return nil }
        var entries: [String: String] = [:]
        for entry in reader.metadata.keyValueMetadata { entries[entry.key] = entry.value }
        return try CompactionLineage(footer: entries)
    }

    /// The problem with the first row whose time lies outside the partition, or nil when
    /// every row lies inside (reads the time column group by group).
    static func firstRowOutside(_ reader: ParquetFileReader, partition: PartitionKey) async throws -> ContentProblem? {
        let leaf = try timeLeaf(of: reader, partition: partition)
        let range = partition.timeRange
        var problem: ContentProblem?
        try await forEachTimeGroup(reader, leaf: leaf, partition: partition) { times, firstRow in
            guard problem == nil, let outside = times.firstIndex(where: { !range.contains($0) }) else { return }
            problem = PartitionContent.outside(row: "row \(firstRow + outside + 1)", time: times[outside], partition: partition)
        }
        return problem
    }

    /// Checks that every price and volume column (price and size for trades) holds a number in
    /// every row, decoding one column of one row group at a time, so that a file is refused
    /// before it is indexed rather than failing every later query that reads it.
    /// - Throws: ``ContentProblem`` naming the row group, the row in it and the column.
    static func checkValueColumns(_ reader: ParquetFileReader, partition: PartitionKey) async throws {
        let names = reader.schema.flatColumns.map(\.name)
        let groups = reader.metadata.rowGroups
        for (_, aliases) in requiredValueColumns(partition) {
            guard let index = ColumnAliases.index(of: aliases, in: names) else { continue }
            var firstRow = 0
            for group in groups.indices {
                let table = try await reader.read(columns: [names[index]], rowGroups: [group])
                do {
                    try OHLCVMapping.checkNumbers(in: table.columns[0])
                } catch {
                    throw ContentProblem("not \(kind(partition)) data in row group \(group + 1) (rows \(firstRow + 1)–\(firstRow + table.rowCount)): \(error)")
                }
                firstRow += table.rowCount
            }
        }
    }

    /// The columns besides time that the partition's data needs, with their aliases.
    private static func requiredValueColumns(_ partition: PartitionKey) -> [(String, [String])] {
        partition.timeframe == .trades ? [("price", ColumnAliases.price), ("size", ColumnAliases.size)]
            : [("open", ColumnAliases.open), ("high", ColumnAliases.high), ("low", ColumnAliases.low),
               ("close", ColumnAliases.close), ("volume", ColumnAliases.volume)]
    }

    private static func kind(_ partition: PartitionKey) -> String { partition.timeframe == .trades ? "trade" : "OHLCV" }

    /// The time column's leaf, after checking the schema has every column the partition's
    /// data needs.
    private static func timeLeaf(of reader: ParquetFileReader, partition: PartitionKey) throws(ContentProblem) -> Int {
        guard let leaf = ParquetTimeStatistics.timeLeaf(in: reader.schema) else {
            throw ContentProblem("not \(kind(partition)) data: no time column (looked for \(ColumnAliases.time.joined(separator: ", ")))")
        }
        let names = reader.schema.flatColumns.map(\.name)
        if let missing = requiredValueColumns(partition).first(where: { _, aliases in ColumnAliases.index(of: aliases, in: names) == nil }) {
            throw ContentProblem("not \(kind(partition)) data: no \(missing.0) column")
        }
        return leaf
    }

    /// Decodes the time column one row group at a time (so memory is bounded by a row
    /// group's times), handing each group's epoch milliseconds and its first row to `body`.
    private static func forEachTimeGroup(_ reader: ParquetFileReader, leaf: Int, partition: PartitionKey,
                                         _ body: ([Int64], Int) throws -> Void) async throws {
        let name = reader.schema.leaves[leaf].name
        var firstRow = 0
        for group in reader.metadata.rowGroups.indices {
            let table = try await reader.read(columns: [name], rowGroups: [group])
            do {
                try body(try OHLCVMapping.times(of: table.columns[0]), firstRow)
            } catch let error as OHLCVError {
                throw ContentProblem("not \(kind(partition)) data: \(error)")
            }
            firstRow += table.rowCount
        }
    }
}
