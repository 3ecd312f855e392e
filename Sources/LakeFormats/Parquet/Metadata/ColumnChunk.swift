/// One column's slice of a row group (Parquet `ColumnChunk`).
public struct ColumnChunk: Hashable, Sendable {
    /// Set when the chunk lives in another file (not supported by the reader).
    public var filePath: String?
    public var fileOffset: Int64
    /// Nil only in encrypted files, which this reader does not support.
    public var metaData: ColumnMetaData?

    /// A chunk from its metadata.
    public init(fileOffset: Int64, metaData: ColumnMetaData?) {
        self.fileOffset = fileOffset
        self.metaData = metaData
    }

    init(from reader: inout ThriftCompactReader) throws {
        var filePath: String?, fileOffset: Int64 = 0, metaData: ColumnMetaData?
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: filePath = try reader.readString()
            case 2: fileOffset = try reader.readI64()
            case 3: metaData = try ColumnMetaData(from: &reader)
            default: return false
            }
            return true
        }
        self.init(fileOffset: fileOffset, metaData: metaData)
        self.filePath = filePath
    }

    func encode(to writer: inout ThriftCompactWriter) {
        if let filePath { writer.writeField(1, string: filePath) }
        writer.writeField(2, i64: fileOffset)
        if let metaData { writer.writeField(3) { metaData.encode(to: &$0) } }
    }
}
