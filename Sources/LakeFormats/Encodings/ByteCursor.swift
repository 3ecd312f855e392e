/// A bounds-checked cursor over page bytes for the encodings' headers (varints, lengths).
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    /// The address of the next byte (valid when `remaining > 0`, or for zero-length use).
    var pointer: UnsafeRawPointer { bytes.baseAddress!.advanced(by: position) }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw ParquetError.corrupt("unexpected end of page") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw ParquetError.corrupt("varint too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readZigZag() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A varint that must be a non-negative count no larger than `limit`.
    mutating func readCount(limit: Int, _ what: String) throws(ParquetError) -> Int {
        let value = try readVarint()
        guard value <= UInt64(limit) else { throw ParquetError.corrupt("\(what) \(value) exceeds \(limit)") }
        return Int(value)
    }

    mutating func readUInt32() throws(ParquetError) -> UInt32 {
        guard remaining >= 4 else { throw ParquetError.corrupt("unexpected end of page") }
        defer { position += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    /// Skips `count` bytes that must exist.
    mutating func skip(_ count: Int) throws(ParquetError) {
        guard count >= 0, count <= remaining else { throw ParquetError.corrupt("length \(count) exceeds the page") }
        position += count
    }
}
