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
        guard options.rowGroupSize > 0 else { throw ParquetError(.invalidRequest, "row group size must be positive") }
        for column in table.columns where !column.descriptor.isFlat {
            throw ParquetError(.invalidRequest, "column \(column.name) is not a flat column")
        }
        var file = ParquetFooter.magic
        var rowGroups: [RowGroup] = []
        var start = 0
        repeat {
            let rows = start..<min(table.rowCount, start + options.rowGroupSize)
            let groupStart = file.count
            var chunks: [ColumnChunk] = []
            var uncompressed: Int64 = 0
            for column in table.columns {
                let chunk = try ColumnChunkWriter(column: column, rows: rows, options: options).write(to: &file)
                uncompressed += chunk.metaData?.totalUncompressedSize ?? 0
                chunks.append(chunk)
            }
            rowGroups.append(RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rows.count),
                                      fileOffset: Int64(groupStart), totalCompressedSize: Int64(file.count - groupStart),
                                      ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
            start = rows.upperBound
        } while start < table.rowCount
        let footer = FileMetaData(version: 1, schema: schema(of: table), numRows: Int64(table.rowCount), rowGroups: rowGroups,
                                  keyValueMetadata: options.keyValueMetadata, createdBy: options.createdBy).encoded()
        file.append(contentsOf: footer)
        file.append(contentsOf: ColumnStatistics.plain(UInt32(footer.count).littleEndian))
        file.append(contentsOf: ParquetFooter.magic)
        return file
    }

    /// The flat schema: a root group, then one leaf per column with its annotations (and
    /// the legacy converted type beside the logical one, for older readers).
    static func schema(of table: ColumnTable) -> [SchemaElement] {
        var elements = [SchemaElement(name: "schema", numChildren: Int32(table.columns.count))]
        for column in table.columns {
            let descriptor = column.descriptor
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
