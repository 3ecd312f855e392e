/// One entry of file or column key-value metadata (the value may be absent).
public struct KeyValue: Hashable, Sendable {
    public var key: String
    public var value: String?

    /// An entry from its key and value.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    init(from reader: inout ThriftCompactReader) throws {
        var key: String?
        var value: String?
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: key = try reader.readString()
            case 2: value = try reader.readString()
            default: return false
            }
            return true
        }
        guard let key else { throw ParquetError.metadata("key-value entry without a key") }
        self.init(key: key, value: value)
    }

    func encode(to writer: inout ThriftCompactWriter) {
        writer.writeField(1, string: key)
        if let value { writer.writeField(2, string: value) }
    }

    static func readList(_ reader: inout ThriftCompactReader) throws -> [KeyValue] {
        var entries: [KeyValue] = []
        try reader.readList { reader, _ in entries.append(try KeyValue(from: &reader)) }
        return entries
    }
}
