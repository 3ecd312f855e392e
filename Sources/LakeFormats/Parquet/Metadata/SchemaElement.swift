/// One node of the flattened schema tree (Parquet `SchemaElement`): the root, groups
/// (with `numChildren`) and leaves (with a physical `type`), depth-first.
public struct SchemaElement: Hashable, Sendable {
    /// Physical type; nil for groups.
    public var type: PhysicalType?
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    /// Children count; nil or absent for leaves.
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    /// A schema node from its parts.
    public init(name: String, type: PhysicalType? = nil, repetition: Repetition? = nil, numChildren: Int32? = nil,
                typeLength: Int32? = nil, convertedType: ConvertedType? = nil, logicalType: LogicalType? = nil) {
        self.name = name
        self.type = type
        self.repetition = repetition
        self.numChildren = numChildren
        self.typeLength = typeLength
        self.convertedType = convertedType
        self.logicalType = logicalType
    }

    init(from reader: inout ThriftCompactReader) throws {
        var name: String?
        var element = SchemaElement(name: "")
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: element.type = try PhysicalType.decode(try reader.readI32())
            case 2: element.typeLength = try reader.readI32()
            case 3: element.repetition = try Repetition.decode(try reader.readI32())
            case 4: name = try reader.readString()
            case 5: element.numChildren = try reader.readI32()
            case 6: element.convertedType = ConvertedType(rawValue: try reader.readI32())
            case 7: element.scale = try reader.readI32()
            case 8: element.precision = try reader.readI32()
            case 9: element.fieldID = try reader.readI32()
            case 10: element.logicalType = try LogicalType(from: &reader)
            default: return false
            }
            return true
        }
        guard let name else { throw ParquetError.metadata("schema element without a name") }
        element.name = name
        self = element
    }

    func encode(to writer: inout ThriftCompactWriter) {
        if let type { writer.writeField(1, i32: type.rawValue) }
        if let typeLength { writer.writeField(2, i32: typeLength) }
        if let repetition { writer.writeField(3, i32: repetition.rawValue) }
        writer.writeField(4, string: name)
        if let numChildren { writer.writeField(5, i32: numChildren) }
        if let convertedType { writer.writeField(6, i32: convertedType.rawValue) }
        if let scale { writer.writeField(7, i32: scale) }
        if let precision { writer.writeField(8, i32: precision) }
        if let fieldID { writer.writeField(9, i32: fieldID) }
        if let logicalType {
            writer.writeFieldHeader(10, .struct)
            logicalType.encode(to: &writer)
        }
    }
}

extension RawRepresentable where RawValue == Int32 {
    /// The enum case for a raw value from a file, or a metadata error naming the type.
    static func decode(_ raw: Int32) throws(ParquetError) -> Self {
        guard let value = Self(rawValue: raw) else { throw ParquetError.metadata("unknown \(Self.self) \(raw)") }
        return value
    }
}
