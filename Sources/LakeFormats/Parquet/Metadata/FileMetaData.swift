/// The footer of a Parquet file (Parquet `FileMetaData`).
public struct FileMetaData: Hashable, Sendable {
    public var version: Int32
    /// The schema tree, depth-first, root first.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]
    public var createdBy: String?
    /// How each leaf column's statistics are ordered (Parquet `column_orders`), in schema order;
    /// empty when the file does not say. Readers such as pyarrow and DuckDB use `min_value` and
    /// `max_value` only for columns whose order is known.
    public var columnOrders: [ColumnOrder]

    /// The sort order of one column's statistics.
    public enum ColumnOrder: Hashable, Sendable {
        /// The order the column's logical or physical type defines (`TYPE_ORDER`): signed or
        /// unsigned integers, IEEE floats with NaN left out, byte arrays as unsigned bytes.
        case typeDefined
        /// An order this reader does not know (a later union member).
        case unknown
    }

    /// A footer from its parts.
    public init(version: Int32 = 2, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
                keyValueMetadata: [KeyValue] = [], createdBy: String? = nil, columnOrders: [ColumnOrder] = []) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }

    /// Decodes the Thrift-encoded footer in `bytes`.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        self = try ThriftCompactReader.decode("footer") {
            var reader = ThriftCompactReader(bytes)
            var version: Int32 = 1, numRows: Int64?, createdBy: String?
            var schema: [SchemaElement] = [], rowGroups: [RowGroup] = [], keyValues: [KeyValue] = []
            var columnOrders: [ColumnOrder] = []
            try reader.readStruct { reader, field, _ in
                switch field {
                case 1: version = try reader.readI32()
                case 2: try reader.readList { reader, _ in schema.append(try SchemaElement(from: &reader)) }
                case 3: numRows = try reader.readI64()
                case 4: try reader.readList { reader, _ in rowGroups.append(try RowGroup(from: &reader)) }
                case 5: keyValues = try KeyValue.readList(&reader)
                case 6: createdBy = try reader.readString()
                case 7:
                    try reader.readList { reader, _ in
                        var order = ColumnOrder.unknown
                        try reader.readStruct { reader, member, type in
                            guard member == 1 else { return false }
                            try reader.skip(type)  // TypeDefinedOrder is an empty struct
                            order = .typeDefined
                            return true
                        }
                        columnOrders.append(order)
                    }
                default: return false
                }
                return true
            }
            guard let numRows, !schema.isEmpty else { throw ParquetError.metadata("footer misses the schema or row count") }
            return FileMetaData(version: version, schema: schema, numRows: numRows, rowGroups: rowGroups,
                                keyValueMetadata: keyValues, createdBy: createdBy, columnOrders: columnOrders)
        }
    }

    /// The Thrift compact encoding of this footer.
    public func encoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(1, i32: version)
        writer.writeField(2, structs: schema) { $1.encode(to: &$0) }
        writer.writeField(3, i64: numRows)
        writer.writeField(4, structs: rowGroups) { $1.encode(to: &$0) }
        if !keyValueMetadata.isEmpty { writer.writeField(5, structs: keyValueMetadata) { $1.encode(to: &$0) } }
        if let createdBy { writer.writeField(6, string: createdBy) }
        // An unknown order cannot be written back: a list with one is left out entirely.
        if !columnOrders.isEmpty, !columnOrders.contains(.unknown) {
            writer.writeField(7, structs: columnOrders) { writer, _ in writer.writeField(1, struct: { _ in }) }
        }
        writer.endStruct()
        return writer.bytes
    }
}
