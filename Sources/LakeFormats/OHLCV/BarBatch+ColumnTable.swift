import LakeCore

extension BarBatch {
    /// The batch as a table for `ParquetWriter`/`CSVWriter`: `timestamp` as
    /// TIMESTAMP(MILLIS, UTC), prices and volumes as DOUBLE, optional columns when present.
    public func columnTable() -> ColumnTable {
        func required(_ name: String, _ values: [Double]) -> Column {
            Column(descriptor: ColumnDescriptor(name: name, physicalType: .double, repetition: .required), values: .double(values))
        }
        var columns = [
            Column(descriptor: ColumnDescriptor(name: "timestamp", physicalType: .int64, repetition: .required,
                                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .milliseconds)),
                   values: .int64(time)),
            required("open", open), required("high", high), required("low", low), required("close", close),
            required("volume", volume),
        ]
        if let vwap {
            columns.append(Column(descriptor: ColumnDescriptor(name: "vwap", physicalType: .double),
                                  values: .double(vwap.values), validity: vwap.validity))
        }
        if let transactions {
            columns.append(Column(descriptor: ColumnDescriptor(name: "transactions", physicalType: .int64),
                                  values: .int64(transactions.values), validity: transactions.validity))
        }
        if let takerBuyVolume {
            columns.append(Column(descriptor: ColumnDescriptor(name: "taker_buy_volume", physicalType: .double),
                                  values: .double(takerBuyVolume.values), validity: takerBuyVolume.validity))
        }
        return ColumnTable(columns: columns, rowCount: count)
    }
}

extension ParquetWriter {
    /// `bars` as a Parquet file (see `BarBatch.columnTable()`).
    public static func write(bars: BarBatch, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) -> [UInt8] {
        try write(bars.columnTable(), options: options)
    }
}
