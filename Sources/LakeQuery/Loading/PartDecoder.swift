import LakeCore
import LakeFormats

/// Where a stored object's bytes are: a local file to map, fetched bytes, or an opened Parquet
/// file — a mapped cache entry, or a remote object whose footer is read and whose chunks are
/// fetched on demand.
struct PartSource: Sendable {
    enum Bytes: Sendable {
        case file(String)
        case memory([UInt8])
        case parquet(ParquetFileReader)
    }

    /// Where the bytes are.
    let bytes: Bytes
    /// The format the key's extension names (Parquet, or CSV optionally gzipped).
    let format: PartitionFileFormat
    /// Where they came from.
    let origin: ReadTally.Origin
}

/// Decodes one stored object into columns, reading from Parquet only
/// the bar or trade columns and only the row groups whose time statistics overlap the range,
/// then keeps the rows inside the range.
enum PartDecoder {
    /// Bars of the file at `path` with times in `range`.
    static func bars(_ source: PartSource, range: Range<Int64>) async throws -> BarBatch {
        let table = try await read(source, range: range, fields: [ColumnAliases.time, ColumnAliases.open, ColumnAliases.high,
                                                                 ColumnAliases.low, ColumnAliases.close, ColumnAliases.volume,
                                                                 ColumnAliases.vwap, ColumnAliases.transactions,
                                                                 ColumnAliases.takerBuyVolume])
        return try OHLCVMapping.bars(from: table).rows(in: range)
    }

    /// Trades of the file at `path` with times in `range`.
    static func trades(_ source: PartSource, range: Range<Int64>) async throws -> TradeBatch {
        let table = try await read(source, range: range, fields: [ColumnAliases.time, ColumnAliases.price, ColumnAliases.size])
        return try OHLCVMapping.trades(from: table).rows(in: range)
    }

    /// The columns named by the first alias of each field that the file has (Parquet:
    /// projected and pruned; CSV: the whole table, which `OHLCVMapping` picks from).
    private static func read(_ source: PartSource, range: Range<Int64>, fields: [[String]]) async throws -> ColumnTable {
        let reader: ParquetFileReader
        switch (source.bytes, source.format) {
        case (.parquet(let opened), _): reader = opened
        case (.file(let path), .parquet): reader = try ParquetFileReader(path: path)
        case (.memory(let bytes), .parquet): reader = try ParquetFileReader(bytes: bytes)
        case (.file(let path), _): return try TabularFile(path: path).read()
        case (.memory(let bytes), _): return try CSVDocument(bytes: bytes).table
        }
        // An empty table with the file's columns lets ColumnAliases pick names exactly as the
        // mapping will, so the projection can never disagree with it.
        let names = ColumnTable(columns: reader.schema.flatColumns.map { Column(descriptor: $0, values: .int64([])) },
                                rowCount: 0)
        var wanted: [String] = []
        for aliases in fields {
            if let name = ColumnAliases.find(aliases, in: names)?.name, !wanted.contains(name) { wanted.append(name) }
        }
        var groups: [Int]?
        if let timeName = ColumnAliases.find(ColumnAliases.time, in: names)?.name,
           case .timestamp(let unit, _)? = reader.schema.flatColumns.first(where: { $0.name == timeName })?.kind,
           let low = EpochUnit.milliseconds.convert(range.lowerBound, to: unit),
           let high = unit.rawValue > EpochUnit.milliseconds.rawValue
               ? EpochUnit.milliseconds.convert(range.upperBound, to: unit).map({ $0 - 1 })
               : EpochUnit.milliseconds.convert(range.upperBound - 1, to: unit), low <= high {
            groups = try reader.rowGroups(where: timeName, overlaps: low...high)
        }
        // Local sources decode in place; ranged ones fetch only these columns' chunks of these groups.
        return try await reader.read(columns: wanted, rowGroups: groups)
    }
}
