/// Where a column chunk's pages are and how they are encoded (Parquet `ColumnMetaData`).
public struct ColumnMetaData: Hashable, Sendable {
    public var type: PhysicalType
    /// Encodings used by any page (unknown ones are dropped).
    public var encodings: [ParquetEncoding]
    /// Field names from the root to this leaf.
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    /// Values including nulls (and repeated entries).
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?

    /// Metadata from its parts.
    public init(type: PhysicalType, encodings: [ParquetEncoding], pathInSchema: [String], codec: CompressionCodec,
                numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
                dataPageOffset: Int64, dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
                keyValueMetadata: [KeyValue] = []) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.keyValueMetadata = keyValueMetadata
    }

    /// The first byte of the chunk: its dictionary page if it has one, else its first data page.
    /// Some writers record a dictionary offset of 0 meaning "none"; that is ignored.
    public var chunkStart: Int64 {
        if let dictionaryPageOffset, dictionaryPageOffset > 0, dictionaryPageOffset < dataPageOffset {
            return dictionaryPageOffset
        }
        return dataPageOffset
    }

    init(from reader: inout ThriftCompactReader) throws {
        var type: PhysicalType?, codec: CompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var encodings: [ParquetEncoding] = [], path: [String] = [], keyValues: [KeyValue] = []
        var indexPageOffset: Int64?, dictionaryPageOffset: Int64?, statistics: Statistics?
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: type = try PhysicalType.decode(try reader.readI32())
            case 2: try reader.readList { reader, _ in
                if let encoding = ParquetEncoding(rawValue: try reader.readI32()) { encodings.append(encoding) }
            }
            case 3: try reader.readList { reader, _ in path.append(try reader.readString()) }
            case 4: codec = try CompressionCodec.decode(try reader.readI32())
            case 5: numValues = try reader.readI64()
            case 6: uncompressed = try reader.readI64()
            case 7: compressed = try reader.readI64()
            case 8: keyValues = try KeyValue.readList(&reader)
            case 9: dataPageOffset = try reader.readI64()
            case 10: indexPageOffset = try reader.readI64()
            case 11: dictionaryPageOffset = try reader.readI64()
            case 12: statistics = try Statistics(from: &reader)
            default: return false
            }
            return true
        }
        guard let type, let codec, let numValues, let uncompressed, let compressed, let dataPageOffset else {
            throw ParquetError.metadata("column metadata misses a required field")
        }
        self.init(type: type, encodings: encodings, pathInSchema: path, codec: codec, numValues: numValues,
                  totalUncompressedSize: uncompressed, totalCompressedSize: compressed, dataPageOffset: dataPageOffset,
                  dictionaryPageOffset: dictionaryPageOffset, statistics: statistics, keyValueMetadata: keyValues)
        self.indexPageOffset = indexPageOffset
    }

    func encode(to writer: inout ThriftCompactWriter) {
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32List: encodings.map(\.rawValue))
        writer.writeField(3, stringList: pathInSchema)
        writer.writeField(4, i32: codec.rawValue)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        if !keyValueMetadata.isEmpty { writer.writeField(8, structs: keyValueMetadata) { $1.encode(to: &$0) } }
        writer.writeField(9, i64: dataPageOffset)
        if let indexPageOffset { writer.writeField(10, i64: indexPageOffset) }
        if let dictionaryPageOffset { writer.writeField(11, i64: dictionaryPageOffset) }
        if let statistics { writer.writeField(12) { statistics.encode(to: &$0) } }
    }
}
