import LakeCore

/// Loads any bar or trade table (Parquet or CSV, any vendor's column names and time
/// representation) into `BarBatch` / `TradeBatch`.
///
/// Times may be timestamp/date columns of any unit, INT96, integer or floating epochs (unit
/// inferred from magnitude), or RFC 3339 / epoch text. Numbers may be any numeric type,
/// decimals or text.
///
/// ```swift
/// let file = try TabularFile(path: "BTCUSDT-1m.csv")
/// let bars = try OHLCVMapping.bars(from: file.read(), lines: file.csvLines)
/// ```
public enum OHLCVMapping {
    /// Bars from `table`; `lines` (CSV line per row) makes errors name lines.
    public static func bars(from table: ColumnTable, lines: [Int]? = nil) throws(OHLCVError) -> BarBatch {
        let time = try times(try require("time", ColumnAliases.time, table), lines)
        let numbers = try [ColumnAliases.open, ColumnAliases.high, ColumnAliases.low, ColumnAliases.close, ColumnAliases.volume]
            .enumerated().map { (index, aliases) throws(OHLCVError) in
                try doubles(try require(["open", "high", "low", "close", "volume"][index], aliases, table), lines, required: true).values
            }
        let vwap = try ColumnAliases.find(ColumnAliases.vwap, in: table).map { column throws(OHLCVError) in try doubles(column, lines, required: false) }
        let transactions = try ColumnAliases.find(ColumnAliases.transactions, in: table).map { column throws(OHLCVError) in
            try counts(column, lines)
        }
        let taker = try ColumnAliases.find(ColumnAliases.takerBuyVolume, in: table).map { column throws(OHLCVError) in
            try doubles(column, lines, required: false)
        }
        return BarBatch(time: time, open: numbers[0], high: numbers[1], low: numbers[2], close: numbers[3], volume: numbers[4],
                        vwap: vwap, transactions: transactions, takerBuyVolume: taker)
    }

    /// Trades (time, price, size) from `table`.
    public static func trades(from table: ColumnTable, lines: [Int]? = nil) throws(OHLCVError) -> TradeBatch {
        let time = try times(try require("time", ColumnAliases.time, table), lines)
        let price = try doubles(try require("price", ColumnAliases.price, table), lines, required: true).values
        let size = try doubles(try require("size", ColumnAliases.size, table), lines, required: true).values
        return TradeBatch(time: time, price: price, size: size)
    }

    private static func require(_ field: String, _ aliases: [String], _ table: ColumnTable) throws(OHLCVError) -> Column {
        guard let column = ColumnAliases.find(aliases, in: table) else {
            throw .missing(field, aliases: aliases, available: table.columns.map(\.name))
        }
        return column
    }

    /// Epoch milliseconds of every row of a time column, in any representation ``bars(from:lines:)``
    /// accepts; nulls are errors.
    public static func times(of column: Column) throws(OHLCVError) -> [Int64] {
        try times(column, nil)
    }

    /// Epoch milliseconds of every row; nulls are errors.
    static func times(_ column: Column, _ lines: [Int]?) throws(OHLCVError) -> [Int64] {
        func fail(_ row: Int, _ reason: String) -> OHLCVError { .badValue(reason, column: column.name, row: row, lines: lines) }
        if let row = column.validity?.firstIndex(of: false) { throw fail(row, "missing time") }
        switch (column.values, column.descriptor.kind) {
        case (.int96(let values), _): return values.map { EpochUnit.microseconds.convert($0.epochMicroseconds, to: .milliseconds)! }
        case (.int32, .date), (.int64, .date): return integers(column).map { $0 &* 86_400_000 }
        case (.int64(let values), .timestamp(.milliseconds, _)): return values   // the common case: no copy
        case (_, .timestamp(let unit, _)): return integers(column).map { unit.convert($0, to: .milliseconds)! }
        case (.int32, _), (.int64, _): return inferredEpoch(integers(column))
        case (.float(_), _), (.double(_), _):
            let values = try doubles(column, lines, required: true).values
            return inferredEpoch(values.map { Int64(exactly: $0.rounded(.down)) ?? 0 })
        case (.bytes(let texts), _):
            var result: [Int64] = []
            result.reserveCapacity(texts.count)
            for row in 0..<texts.count {
                guard let time = OHLCVText.time(texts[row]) else { throw fail(row, OHLCVText.timeProblem(texts[row])) }
                result.append(time)
            }
            return result
        default: throw fail(0, "a \(column.descriptor.physicalType) column cannot hold times")
        }
    }

    /// Whole counts (trade counts): integer columns as they are, anything else rounded.
    private static func counts(_ column: Column, _ lines: [Int]?) throws(OHLCVError) -> NullableColumn<Int64> {
        switch column.values {
        case .int64(let values): return NullableColumn(values: values, validity: column.validity)
        case .int32: return NullableColumn(values: integers(column), validity: column.validity)
        default:
            let values = try doubles(column, lines, required: false)
            return NullableColumn(values: values.values.map { Int64(exactly: $0.rounded()) ?? 0 }, validity: values.validity)
        }
    }

    /// Integer epochs in a unit inferred from the largest magnitude, as milliseconds.
    private static func inferredEpoch(_ values: [Int64]) -> [Int64] {
        let unit = EpochUnit.infer(fromMagnitude: values.max(by: { $0.magnitude < $1.magnitude }) ?? 0)
        return values.map { unit.convert($0, to: .milliseconds) ?? 0 }
    }

    private static func integers(_ column: Column) -> [Int64] {
        switch column.values {
        case .int32(let values): values.map(Int64.init)
        case .int64(let values): values
        default: []
        }
    }

    /// Checks that every row of `column` holds a number as ``bars(from:lines:)`` reads a
    /// price or volume (no nulls; numeric, decimal or numeric-text values), so that a file
    /// can be checked one column and one row group at a time.
    /// - Throws: ``OHLCVError`` naming the first bad row (counted from the column's first).
    public static func checkNumbers(in column: Column) throws(OHLCVError) {
        _ = try doubles(column, nil, required: true)
    }

    /// Every row as a Double; a null is an error when `required`.
    static func doubles(_ column: Column, _ lines: [Int]?, required: Bool) throws(OHLCVError) -> NullableColumn<Double> {
        if required, let row = column.validity?.firstIndex(of: false) {
            throw .badValue("missing value", column: column.name, row: row, lines: lines)
        }
        let values: [Double]
        switch column.values {
        case .double(let doubles): values = doubles
        case .float(let floats): values = floats.map { Double($0) }
        case .int32, .int64:
            let raw = integers(column)
            if case .decimal(let scale, _) = column.descriptor.kind {
                let divisor = (0..<scale).reduce(1.0) { value, _ in value * 10 }
                values = raw.map { Double($0) / divisor }
            } else {
                values = raw.map { Double($0) }
            }
        case .bytes(let texts):
            var parsed: [Double] = []
            parsed.reserveCapacity(texts.count)
            // Cells as text: decimals and half floats stored as bytes are formatted first.
            var cell: [UInt8] = []
            for row in 0..<texts.count {
                if column.isNull(row) { parsed.append(0); continue }
                cell.removeAll(keepingCapacity: true)
                _ = CellFormatter.append(column, row: row, to: &cell)
                guard let value = OHLCVText.number(cell[...]) else {
                    throw .badValue(OHLCVText.numberProblem(cell[...]), column: column.name, row: row, lines: lines)
                }
                parsed.append(value)
            }
            values = parsed
        case .boolean, .int96:
            throw .badValue("a \(column.descriptor.physicalType) column cannot hold numbers", column: column.name, row: 0, lines: lines)
        }
        return NullableColumn(values: values, validity: column.validity)
    }
}
