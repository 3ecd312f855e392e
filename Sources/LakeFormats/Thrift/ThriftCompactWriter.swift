/// Encodes the Thrift compact protocol. Fields are written in increasing id order by the
/// callers; the writer tracks the last id per open struct to emit short field deltas.
///
/// ```swift
/// var writer = ThriftCompactWriter()
/// writer.beginStruct()
/// writer.writeField(1, i32: 2)
/// writer.writeField(6, string: "candlelake")
/// writer.endStruct()
/// ```
public struct ThriftCompactWriter: Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = []

    /// An empty writer.
    public init() {}

    /// Opens a struct (a nested one when called inside another).
    public mutating func beginStruct() { lastFieldIDs.append(0) }

    /// Writes STOP and closes the innermost struct.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldIDs.removeLast()
    }

    /// Writes the header of field `id` of wire type `type` in the innermost struct.
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftType) {
        precondition(!lastFieldIDs.isEmpty, "field outside a struct")
        let delta = id - lastFieldIDs[lastFieldIDs.count - 1]
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigZag(Int64(id))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A zigzag varint (i16, i32, i64 values).
    public mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Length-prefixed bytes.
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A list header for `count` elements of `type`.
    public mutating func writeListHeader(count: Int, of type: ThriftType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// An i8 field.
    public mutating func writeField(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// An i32 field.
    public mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeZigZag(Int64(value))
    }

    /// An i64 field.
    public mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeZigZag(value)
    }

    /// A boolean field (the value lives in the header).
    public mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// A binary field.
    public mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    /// A string field.
    public mutating func writeField(_ id: Int16, string value: String) {
        writeField(id, binary: Array(value.utf8))
    }

    /// A nested struct field whose body `body` writes.
    public mutating func writeField(_ id: Int16, struct body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id, .struct)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// A list-of-structs field.
    public mutating func writeField<Element>(_ id: Int16, structs elements: [Element],
                                             _ body: (inout ThriftCompactWriter, Element) -> Void) {
        writeFieldHeader(id, .list)
        writeListHeader(count: elements.count, of: .struct)
        for element in elements {
            beginStruct()
            body(&self, element)
            endStruct()
        }
    }

    /// A list-of-i32 field (enums).
    public mutating func writeField(_ id: Int16, i32List values: [Int32]) {
        writeFieldHeader(id, .list)
        writeListHeader(count: values.count, of: .i32)
        for value in values { writeZigZag(Int64(value)) }
    }

    /// A list-of-strings field.
    public mutating func writeField(_ id: Int16, stringList values: [String]) {
        writeFieldHeader(id, .list)
        writeListHeader(count: values.count, of: .binary)
        for value in values { writeBinary(Array(value.utf8)) }
    }
}
