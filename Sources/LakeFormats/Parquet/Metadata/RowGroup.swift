/// A horizontal slice of the file: one chunk per leaf column (Parquet `RowGroup`).
public struct RowGroup: Hashable, Sendable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    /// A row group from its parts.
    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64? = nil,
                totalCompressedSize: Int64? = nil, ordinal: Int16? = nil) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    init(from reader: inout ThriftCompactReader) throws {
        var columns: [ColumnChunk] = [], totalByteSize: Int64 = 0, numRows: Int64?
        var fileOffset: Int64?, totalCompressedSize: Int64?, ordinal: Int16?
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: try reader.readList { reader, _ in columns.append(try ColumnChunk(from: &reader)) }
            case 2: totalByteSize = try reader.readI64()
            case 3: numRows = try reader.readI64()
            case 5: fileOffset = try reader.readI64()
            case 6: totalCompressedSize = try reader.readI64()
            case 7: ordinal = try reader.readI16()
            default: return false
            }
            return true
        }
        guard let numRows, numRows >= 0 else { throw ParquetError.metadata("row group without a valid row count") }
        self.init(columns: columns, totalByteSize: totalByteSize, numRows: numRows, fileOffset: fileOffset,
                  totalCompressedSize: totalCompressedSize, ordinal: ordinal)
    }

    func encode(to writer: inout ThriftCompactWriter) {
        writer.writeField(1, structs: columns) { $1.encode(to: &$0) }
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        if let fileOffset { writer.writeField(5, i64: fileOffset) }
        if let totalCompressedSize { writer.writeField(6, i64: totalCompressedSize) }
        if let ordinal {
            writer.writeFieldHeader(7, .i16)
            writer.writeZigZag(Int64(ordinal))
        }
    }
}
