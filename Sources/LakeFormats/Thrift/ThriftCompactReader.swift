/// Decodes the Thrift compact protocol from bytes, bounded by the bytes that exist:
/// every length and element count is checked against what remains before it is used,
/// nesting depth is capped, and unknown fields are skipped so newer writers stay readable.
///
/// ```swift
/// var reader = ThriftCompactReader(bytes)
/// try reader.readStruct { reader, field, type in
///     switch field {
///     case 1: version = try reader.readI32()
///     default: return false          // skipped
///     }
///     return true
/// }
/// ```
///
/// The reader borrows its bytes: use it only while the buffer it was made from is alive.
public struct ThriftCompactReader {
    /// Deepest struct/list nesting accepted (Parquet metadata needs about 6).
    public static let maximumDepth = 64

    private let bytes: UnsafeRawBufferPointer
    /// Next byte to read.
    public private(set) var position: Int
    private let end: Int
    private var depth = 0
    private var boolValue: Bool?

    /// A reader over `bytes`, starting at `offset`.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        position = offset
        end = bytes.count
    }

    /// Bytes left before the end of the range.
    public var remaining: Int { end - position }

    /// An error at the current position.
    func error(_ reason: String) -> ThriftError { ThriftError(reason, at: position) }

    @inline(__always) mutating func readByte() throws(ThriftError) -> UInt8 {
        guard position < end else { throw error("unexpected end of input") }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    public mutating func readVarint() throws(ThriftError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw error("varint too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private mutating func readZigZag() throws(ThriftError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// An i8 field value.
    public mutating func readI8() throws(ThriftError) -> Int8 { Int8(bitPattern: try readByte()) }

    /// An i16 field value.
    public mutating func readI16() throws(ThriftError) -> Int16 {
        let value = try readZigZag()
        guard let narrow = Int16(exactly: value) else { throw error("i16 out of range") }
        return narrow
    }

    /// An i32 field value.
    public mutating func readI32() throws(ThriftError) -> Int32 {
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw error("i32 out of range") }
        return narrow
    }

    /// An i64 field value.
    public mutating func readI64() throws(ThriftError) -> Int64 { try readZigZag() }

    /// A little-endian IEEE double.
    public mutating func readDouble() throws(ThriftError) -> Double {
        guard remaining >= 8 else { throw error("truncated double") }
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: raw))
    }

    /// A boolean: from the field header when it is a struct field, else one byte.
    public mutating func readBool() throws(ThriftError) -> Bool {
        if let value = boolValue {
            boolValue = nil
            return value
        }
        return try readByte() == 1
    }

    /// Length-prefixed bytes; the length must fit in what remains.
    public mutating func readBinary() throws(ThriftError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw error("binary length \(length) exceeds the \(remaining) bytes left") }
        defer { position += Int(length) }
        return Array(bytes[position..<position + Int(length)])
    }

    /// Length-prefixed UTF-8 (invalid sequences replaced, never rejected).
    public mutating func readString() throws(ThriftError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// Reads a struct's fields until STOP, handing each to `field`; fields it does not
    /// handle (returns false) are skipped whatever their type.
    public mutating func readStruct(
        _ field: (inout ThriftCompactReader, Int16, ThriftType) throws -> Bool
    ) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = ThriftType(rawValue: header & 0x0F) else { throw error("unknown field type \(header & 0x0F)") }
            if type == .stop { return }
            let delta = Int16(header >> 4)
            let id = delta == 0 ? try readI16() : lastID &+ delta
            lastID = id
            if type == .booleanTrue || type == .booleanFalse { boolValue = type == .booleanTrue }
            let handled = try field(&self, id, type)
            if !handled { try skip(type) }
            boolValue = nil
        }
    }

    /// Reads a list header and calls `element` once per element; the count must be
    /// plausible for the bytes left.
    public mutating func readList(_ element: (inout ThriftCompactReader, ThriftType) throws -> Void) throws {
        let (count, type) = try readListHeader()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        for _ in 0..<count { try element(&self, type) }
    }

    /// Element count and type of a list or set.
    mutating func readListHeader() throws(ThriftError) -> (Int, ThriftType) {
        let header = try readByte()
        guard let type = ThriftType(rawValue: header & 0x0F), type != .stop else { throw error("bad list element type") }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard count <= UInt64(remaining / type.minimumSize) else { throw error("list of \(count) exceeds the bytes left") }
        return (Int(count), type)
    }

    /// Skips one value of `type`, including nested containers.
    public mutating func skip(_ type: ThriftType) throws {
        switch type {
        case .stop: throw error("unexpected STOP")
        case .booleanTrue, .booleanFalse: if boolValue == nil { _ = try readByte() }
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw error("truncated double") }
            position += 8
        case .binary:
            let length = try readVarint()
            guard length <= UInt64(remaining) else { throw error("binary length exceeds the bytes left") }
            position += Int(length)
        case .list, .set: try readList { reader, elementType in try reader.skip(elementType) }
        case .struct: try readStruct { _, _, _ in false }
        case .map: try skipMap()
        }
    }

    private mutating func skipMap() throws {
        let count = try readVarint()
        guard count > 0 else { return }
        let types = try readByte()
        guard let keyType = ThriftType(rawValue: types >> 4), let valueType = ThriftType(rawValue: types & 0x0F),
              count <= UInt64(remaining / 2) else { throw error("bad map header") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        for _ in 0..<count {
            try skip(keyType)
            try skip(valueType)
        }
    }
}
