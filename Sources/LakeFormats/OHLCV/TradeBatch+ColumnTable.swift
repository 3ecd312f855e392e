import LakeCore

extension TradeBatch {
    /// The batch as a table for `ParquetWriter`/`CSVWriter`: `timestamp` as
    /// TIMESTAMP(MILLIS, UTC), `price` and `volume` (seed 003's names) as DOUBLE.
    public func columnTable() -> ColumnTable {
        func required(_ name: String, _ values: [Double]) -> Column {
            Column(descriptor: ColumnDescriptor(name: name, physicalType: .double, repetition: .required), values: .double(values))
        }
        return ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: "timestamp", physicalType: .int64, repetition: .required,
                                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .milliseconds)),
                   values: .int64(time)),
            required("price", price), required("volume", size),
        ], rowCount: count)
    }
}

extension ParquetWriter {
    /// `trades` as a Parquet file (see `TradeBatch.columnTable()`).
    public static func write(trades: TradeBatch, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) -> [UInt8] {
        try write(trades.columnTable(), options: options)
    }
}
