import LakeCore
import LakeFormats

/// Where a stored object's bytes are: a local (or cached) file to map, or fetched bytes.
enum PartSource: Sendable {
    case file(String)
    case bytes([UInt8])
}

/// Decodes one stored object into columns, reading from Parquet only
/// the bar or trade columns and only the row groups whose time statistics overlap the range,
/// then keeps the rows inside the range.
enum PartDecoder {
    /// Bars of the file at `path` with times in `range`.
    static func bars(_ source: PartSource, range: Range<Int64>) throws -> BarBatch {
        let table = try read(source, range: range, fields: [ColumnAliases.time, ColumnAliases.open, ColumnAliases.high,
                                                                 ColumnAliases.low, ColumnAliases.close, ColumnAliases.volume,
                                                                 ColumnAliases.vwap, ColumnAliases.transactions,
                                                                 ColumnAliases.takerBuyVolume])
        return try OHLCVMapping.bars(from: table).rows(in: range)
    }

    /// Trades of the file at `path` with times in `range`.
    static func trades(_ source: PartSource, range: Range<Int64>) throws -> TradeBatch {
        let table = try read(source, range: range, fields: [ColumnAliases.time, ColumnAliases.price, ColumnAliases.size])
        return try OHLCVMapping.trades(from: table).rows(in: range)
    }

    /// The columns named by the first alias of each field that the file has (Parquet:
    /// projected and pruned; CSV: the whole table, which `OHLCVMapping` picks from).
    private static func read(_ source: PartSource, range: Range<Int64>, fields: [[String]]) throws -> ColumnTable {
        let reader: ParquetFileReader
        switch source {
        case .file(let path):
            let file = try MappedFileSource(path: path)
            guard isParquet(file.contiguousBytes!.bytes) else { return try TabularFile(path: path).read() }
            reader = try ParquetFileReader(path: path)
        case .bytes(let bytes):
            guard bytes.withUnsafeBytes(isParquet) else { return try CSVDocument(bytes: bytes).table }
            reader = try ParquetFileReader(bytes: bytes)
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
        return try reader.readLocal(columns: wanted, rowGroups: groups)
    }

    /// Whether `bytes` start with Parquet's `PAR1` magic (anything else is read as CSV).
    private static func isParquet(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x41 && bytes[2] == 0x52 && bytes[3] == 0x31
    }
}
