/// Writes a Parquet file piece by piece: `append` encodes rows into row groups and returns
/// their bytes at once, `finish` returns the footer. Only the row group being encoded and
/// the footer's metadata are held, so a response or an upload of any size streams out in
/// bounded memory. ``ParquetWriter/write(_:options:)`` is this writer run over a whole table.
///
/// ```swift
/// var writer = try ParquetStreamWriter(columns: table.columns.map(\.descriptor))
/// var file = try writer.append(table, rows: 0..<65_536)
/// file += try writer.append(table, rows: 65_536..<table.rowCount)
/// file += writer.finish()
/// ```
public struct ParquetStreamWriter: Sendable {
    /// The columns every appended table must have, in order.
    public let columns: [ColumnDescriptor]
    /// Row-group size, page size, codec, metadata.
    public let options: ParquetWriterOptions
    private var bytesWritten = 0
    private var rowGroups: [RowGroup] = []
    private var rowCount = 0

    /// A writer for tables of `columns`.
    /// - Throws: `ParquetError` (`.invalidRequest`) for a nested column or a row-group size below 1.
    public init(columns: [ColumnDescriptor], options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        guard options.rowGroupSize > 0 else { throw ParquetError(.invalidRequest, "row group size must be positive") }
        for column in columns where !column.isFlat {
            throw ParquetError(.invalidRequest, "column \(column.name) is not a flat column")
        }
        self.columns = columns
        self.options = options
    }

    /// Encodes `rows` of `table` (all rows by default) as row groups of at most
    /// `options.rowGroupSize` and returns their bytes, preceded by the file's magic on the
    /// first call. An empty range adds nothing (a file of no row groups still has its schema).
    /// - Throws: `ParquetError` (`.invalidRequest`) when the table's columns differ from
    ///   ``columns`` or `rows` is not inside the table.
    public mutating func append(_ table: ColumnTable, rows: Range<Int>? = nil) throws(ParquetError) -> [UInt8] {
        guard table.columns.map(\.descriptor) == columns else {
            throw ParquetError(.invalidRequest, "the table's columns differ from the writer's schema")
        }
        let rows = rows ?? 0..<table.rowCount
        guard rows.lowerBound >= 0, rows.upperBound <= table.rowCount else {
            throw ParquetError(.invalidRequest, "rows \(rows) lie outside the table's \(table.rowCount)")
        }
        var bytes = bytesWritten == 0 ? ParquetFooter.magic : []
        bytes.reserveCapacity(bytes.count + rows.count * columns.count * 8)
        guard !rows.isEmpty else { return commit(bytes) }
        var start = rows.lowerBound
        repeat {
            let group = start..<min(rows.upperBound, start + options.rowGroupSize)
            let groupStart = bytesWritten + bytes.count
            var chunks: [ColumnChunk] = []
            var uncompressed: Int64 = 0
            for column in table.columns {
                // `bytes` starts after everything returned before: offsets in the file are shifted by that.
                let chunk = try ColumnChunkWriter(column: column, rows: group, options: options, fileOffset: bytesWritten)
                    .write(to: &bytes)
                uncompressed += chunk.metaData?.totalUncompressedSize ?? 0
                chunks.append(chunk)
            }
            rowGroups.append(RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(group.count),
                                      fileOffset: Int64(groupStart), totalCompressedSize: Int64(bytesWritten + bytes.count - groupStart),
                                      ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
            rowCount += group.count
            start = group.upperBound
        } while start < rows.upperBound
        return commit(bytes)
    }

    /// The footer (metadata, its length, the magic) that ends the file; the magic too if
    /// nothing was appended. The writer must not be used afterwards.
    public mutating func finish() -> [UInt8] {
        var bytes = bytesWritten == 0 ? ParquetFooter.magic : []
        // Statistics are written in each type's defined order (ColumnStatistics), and saying
        // so lets pyarrow and DuckDB use them to skip row groups.
        let footer = FileMetaData(version: 1, schema: ParquetWriter.schema(of: columns), numRows: Int64(rowCount),
                                  rowGroups: rowGroups, keyValueMetadata: options.keyValueMetadata, createdBy: options.createdBy,
                                  columnOrders: Array(repeating: .typeDefined, count: columns.count)).encoded()
        bytes += footer
        bytes += ColumnStatistics.plain(UInt32(footer.count).littleEndian)
        bytes += ParquetFooter.magic
        return commit(bytes)
    }

    private mutating func commit(_ bytes: [UInt8]) -> [UInt8] {
        bytesWritten += bytes.count
        return bytes
    }
}
