import LakeCore
import LakeFormats

/// A response body of bars as an `AsyncSequence` of byte chunks, encoded lazily: each chunk
/// is produced when the consumer asks for it (the HTTP writer pulls the next chunk only once
/// the socket took the previous one), so memory holds one chunk of text, never the whole
/// document, whatever the number of bars.
///
/// JSON wraps the rows between `prefix` and `suffix`, which the route builds in its seed's
/// envelope (`{"symbol":"AAPL",…,"data":` … `,"validation":{…}}`); the stream writes the
/// `[`, commas and `]` itself. NDJSON and CSV ignore the envelope. Parquet streams too: one
/// row group per chunk of ``parquetRowsPerChunk`` bars, then the footer.
///
/// ```swift
/// let body = BarByteStream(bars: result.bars, closedCount: result.closedCount, format: .json, style: .seed000,
///                          prefix: Array(#"{"symbol":"AAPL","data":"#.utf8), suffix: Array("}".utf8))
/// for try await chunk in body { try connection.write(chunk) }
/// ```
public struct BarByteStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    /// The bars to write.
    public let bars: BarBatch
    /// Bars before this index are closed.
    public let closedCount: Int
    /// The body's format.
    public let format: BarOutputFormat
    /// The row shape.
    public let style: BarRowStyle
    /// JSON only: bytes before the array of rows.
    public let prefix: [UInt8]
    /// JSON only: bytes after the array of rows.
    public let suffix: [UInt8]
    /// Bars per chunk of text.
    public let rowsPerChunk: Int
    /// Bars per Parquet row group (and chunk): large enough for column statistics and
    /// compression to pay, small enough to keep one chunk of a few MB.
    public static let parquetRowsPerChunk = 65_536

    /// A stream over `bars`.
    public init(bars: BarBatch, closedCount: Int, format: BarOutputFormat, style: BarRowStyle,
                prefix: [UInt8] = [], suffix: [UInt8] = [], rowsPerChunk: Int = 4_096) {
        self.bars = bars
        self.closedCount = closedCount
        self.format = format
        self.style = style
        self.prefix = prefix
        self.suffix = suffix
        self.rowsPerChunk = Swift.max(1, rowsPerChunk)
    }

    /// Produces the chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: BarByteStream
        var nextRow = 0
        var finished = false
        var parquet: (writer: ParquetStreamWriter, table: ColumnTable)?

        /// The next chunk, or nil after the last.
        public mutating func next() async throws -> [UInt8]? {
            guard !finished else { return nil }
            let stream = stream
            if stream.format == .parquet { return try nextParquetChunk() }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Swift.min(stream.bars.count - nextRow, stream.rowsPerChunk) * 120 + stream.prefix.count + 64)
            if nextRow == 0 {
                switch stream.format {
                case .json: chunk += stream.prefix + [UInt8(ascii: "[")]
                case .csv: chunk += Array((stream.style.csvHeader + "\n").utf8)
                case .ndjson, .parquet: break
                }
            }
            let end = Swift.min(stream.bars.count, nextRow + stream.rowsPerChunk)
            for row in nextRow..<end {
                if stream.format == .json, row > 0 { chunk.append(UInt8(ascii: ",")) }
                stream.style.append(stream.bars, row: row, closed: row < stream.closedCount, csv: stream.format == .csv, to: &chunk)
                if stream.format == .ndjson { chunk.append(UInt8(ascii: "\n")) }
            }
            nextRow = end
            if end == stream.bars.count {
                finished = true
                if stream.format == .json { chunk += [UInt8(ascii: "]")] + stream.suffix }
            }
            return chunk
        }

        /// The next row group (the file's magic before the first), or the footer after the last.
        private mutating func nextParquetChunk() throws -> [UInt8] {
            if parquet != nil, nextRow == stream.bars.count {
                finished = true
                return parquet!.writer.finish()
            }
            if parquet == nil {
                let table = stream.bars.columnTable()
                var options = ParquetWriterOptions()
                options.rowGroupSize = BarByteStream.parquetRowsPerChunk
                parquet = (try ParquetStreamWriter(columns: table.columns.map(\.descriptor), options: options), table)
            }
            let end = Swift.min(stream.bars.count, nextRow + BarByteStream.parquetRowsPerChunk)
            let chunk = try parquet!.writer.append(parquet!.table, rows: nextRow..<end)
            nextRow = end
            return chunk
        }
    }

    /// An iterator from the first chunk.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}
