/// Writes a `ColumnTable` as a Parquet file that pyarrow, DuckDB, polars and Spark read:
/// flat schema, row groups of `options.rowGroupSize`, v1 data pages, dictionary pages for
/// strings, statistics on every column chunk, page CRCs.
///
/// ```swift
/// var options = ParquetWriterOptions()
/// options.codec = .zstd
/// let bytes = try ParquetWriter.write(table, options: options)
/// ```
public enum ParquetWriter {
    /// The complete file.
    public static func write(_ table: ColumnTable, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) -> [UInt8] {
        var writer = try ParquetStreamWriter(columns: table.columns.map(\.descriptor), options: options)
        return try writer.append(table) + writer.finish()
    }

    /// The flat schema: a root group, then one leaf per column with its annotations (and
    /// the legacy converted type beside the logical one, for older readers).
    static func schema(of columns: [ColumnDescriptor]) -> [SchemaElement] {
        var elements = [SchemaElement(name: "schema", numChildren: Int32(columns.count))]
        for descriptor in columns {
            var element = SchemaElement(name: descriptor.name, type: descriptor.physicalType, repetition: descriptor.repetition,
                                        typeLength: descriptor.physicalType == .fixedLenByteArray ? Int32(descriptor.typeLength) : nil,
                                        convertedType: descriptor.convertedType ?? legacyType(descriptor.logicalType),
                                        logicalType: descriptor.logicalType)
            if case .decimal(let scale, let precision) = descriptor.logicalType {
                element.scale = scale
                element.precision = precision
            }
            elements.append(element)
        }
        return elements
    }

    private static func legacyType(_ logical: LogicalType?) -> ConvertedType? {
        switch logical {
        case .string: .utf8
        case .date: .date
        case .decimal: .decimal
        case .timestamp(true, .milliseconds): .timestampMillis
        case .timestamp(true, .microseconds): .timestampMicros
        case .integer(8, true): .int8
        case .integer(16, true): .int16
        case .integer(32, true): .int32
        case .integer(64, true): .int64
        case .integer(8, false): .uint8
        case .integer(16, false): .uint16
        case .integer(32, false): .uint32
        case .integer(64, false): .uint64
        default: nil
        }
    }
}
