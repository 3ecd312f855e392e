/// The header before every page of a column chunk (Parquet `PageHeader`).
public struct PageHeader: Hashable, Sendable {
    /// Values of a format-v1 data page.
    public struct DataPage: Hashable, Sendable {
        public var numValues: Int32
        public var encoding: ParquetEncoding
        public var definitionLevelEncoding: ParquetEncoding
        public var repetitionLevelEncoding: ParquetEncoding
    }

    /// A dictionary page's entry count and encoding (always PLAIN in practice).
    public struct DictionaryPage: Hashable, Sendable {
        public var numValues: Int32
        public var encoding: ParquetEncoding
    }

    /// Values of a format-v2 data page: levels are stored uncompressed before the values.
    public struct DataPageV2: Hashable, Sendable {
        public var numValues: Int32
        public var numNulls: Int32
        public var numRows: Int32
        public var encoding: ParquetEncoding
        public var definitionLevelsByteLength: Int32
        public var repetitionLevelsByteLength: Int32
        public var isCompressed: Bool
    }

    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    /// CRC-32 of the page bytes as stored (after compression), when the writer added one.
    public var crc: UInt32?
    public var dataPage: DataPage?
    public var dictionaryPage: DictionaryPage?
    public var dataPageV2: DataPageV2?

    /// A header from its parts.
    public init(type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: UInt32? = nil,
                dataPage: DataPage? = nil, dictionaryPage: DictionaryPage? = nil, dataPageV2: DataPageV2? = nil) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPage = dataPage
        self.dictionaryPage = dictionaryPage
        self.dataPageV2 = dataPageV2
    }

    /// Decodes a header at the reader's position, leaving it just after the header.
    init(from reader: inout ThriftCompactReader) throws {
        var type: PageType?, uncompressed: Int32?, compressed: Int32?, crc: UInt32?
        var dataPage: DataPage?, dictionaryPage: DictionaryPage?, dataPageV2: DataPageV2?
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: type = try PageType.decode(try reader.readI32())
            case 2: uncompressed = try reader.readI32()
            case 3: compressed = try reader.readI32()
            case 4: crc = UInt32(bitPattern: try reader.readI32())
            case 5: dataPage = try PageHeader.readDataPage(&reader)
            case 7: dictionaryPage = try PageHeader.readDictionaryPage(&reader)
            case 8: dataPageV2 = try PageHeader.readDataPageV2(&reader)
            default: return false
            }
            return true
        }
        guard let type, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw ParquetError.metadata("page header misses its type or sizes")
        }
        self.init(type: type, uncompressedPageSize: uncompressed, compressedPageSize: compressed, crc: crc,
                  dataPage: dataPage, dictionaryPage: dictionaryPage, dataPageV2: dataPageV2)
    }

    private static func readDataPage(_ reader: inout ThriftCompactReader) throws -> DataPage {
        var values: Int32?, encoding: ParquetEncoding?, definition = ParquetEncoding.rle, repetition = ParquetEncoding.rle
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: values = try reader.readI32()
            case 2: encoding = try ParquetEncoding.decode(try reader.readI32())
            case 3: definition = try ParquetEncoding.decode(try reader.readI32())
            case 4: repetition = try ParquetEncoding.decode(try reader.readI32())
            default: return false
            }
            return true
        }
        guard let values, let encoding, values >= 0 else { throw ParquetError.metadata("data page header incomplete") }
        return DataPage(numValues: values, encoding: encoding, definitionLevelEncoding: definition,
                        repetitionLevelEncoding: repetition)
    }

    private static func readDictionaryPage(_ reader: inout ThriftCompactReader) throws -> DictionaryPage {
        var values: Int32?, encoding = ParquetEncoding.plain
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: values = try reader.readI32()
            case 2: encoding = try ParquetEncoding.decode(try reader.readI32())
            default: return false
            }
            return true
        }
        guard let values, values >= 0 else { throw ParquetError.metadata("dictionary page header incomplete") }
        return DictionaryPage(numValues: values, encoding: encoding)
    }

    private static func readDataPageV2(_ reader: inout ThriftCompactReader) throws -> DataPageV2 {
        var values: Int32?, nulls: Int32 = 0, rows: Int32?, encoding: ParquetEncoding?
        var definitionLength: Int32 = 0, repetitionLength: Int32 = 0, compressed = true
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: values = try reader.readI32()
            case 2: nulls = try reader.readI32()
            case 3: rows = try reader.readI32()
            case 4: encoding = try ParquetEncoding.decode(try reader.readI32())
            case 5: definitionLength = try reader.readI32()
            case 6: repetitionLength = try reader.readI32()
            case 7: compressed = try reader.readBool()
            default: return false
            }
            return true
        }
        guard let values, let rows, let encoding, values >= 0, nulls >= 0, definitionLength >= 0, repetitionLength >= 0
        else { throw ParquetError.metadata("data page v2 header incomplete") }
        return DataPageV2(numValues: values, numNulls: nulls, numRows: rows, encoding: encoding,
                          definitionLevelsByteLength: definitionLength, repetitionLevelsByteLength: repetitionLength,
                          isCompressed: compressed)
    }

    /// The Thrift compact encoding of this header.
    func encoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        if let crc { writer.writeField(4, i32: Int32(bitPattern: crc)) }
        if let dataPage {
            writer.writeField(5) { writer in
                writer.writeField(1, i32: dataPage.numValues)
                writer.writeField(2, i32: dataPage.encoding.rawValue)
                writer.writeField(3, i32: dataPage.definitionLevelEncoding.rawValue)
                writer.writeField(4, i32: dataPage.repetitionLevelEncoding.rawValue)
            }
        }
        if let dictionaryPage {
            writer.writeField(7) { writer in
                writer.writeField(1, i32: dictionaryPage.numValues)
                writer.writeField(2, i32: dictionaryPage.encoding.rawValue)
            }
        }
        writer.endStruct()
        return writer.bytes
    }
}
