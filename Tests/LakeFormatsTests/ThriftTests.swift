import Testing
@testable import LakeFormats

@Suite struct ThriftTests {
    @Test func footerRoundTripsThroughTheCompactProtocol() throws {
        let table = ParquetInteropTests.sampleTable(rows: 10)
        let bytes = try ParquetWriter.write(table)
        let reader = try ParquetFileReader(bytes: bytes)
        let encoded = reader.metadata.encoded()
        let decoded = try encoded.withUnsafeBytes { try FileMetaData(decoding: $0) }
        #expect(decoded == reader.metadata)
    }

    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        // struct { 1: i32 7, 20: list<string> ["x"], 21: map<i32,i32> {1: 2}, 22: struct { 1: double 1.0 },
        //          23: bool true, 2: i64 -3 (long-form header, ids going down) }
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(1, i32: 7)
        writer.writeField(20, stringList: ["x"])
        writer.writeFieldHeader(21, .map)
        var raw = writer.bytes
        raw += [0x01, 0x55, 0x02, 0x04]                               // 1 entry, i32→i32, 1 → 2
        raw += [0x1C, 0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x00]       // field 22: struct { 1: 1.0 }
        raw += [0x11]                                                 // field 23: true
        raw += [0x06, 0x04, 0x05]                                     // field 2: i64 -3
        raw += [0x00]
        var seen: [Int16: Int64] = [:]
        try raw.withUnsafeBytes { bytes in
            var reader = ThriftCompactReader(bytes)
            try reader.readStruct { reader, field, _ in
                switch field {
                case 1: seen[1] = Int64(try reader.readI32())
                case 2: seen[2] = try reader.readI64()
                default: return false
                }
                return true
            }
        }
        #expect(seen == [1: 7, 2: -3])
    }

    static let malformed: [(String, [UInt8])] = [
        ("truncated varint", [0x15, 0x80]),
        ("string longer than input", [0x18, 0x7F, 0x61]),
        ("list count beyond input", [0x19, 0xF8, 0xFF, 0xFF, 0xFF, 0x0F]),
        ("unknown type nibble", [0x1D]),
        ("missing stop", [0x15, 0x02]),
        ("deep nesting", Array(repeating: 0x1C, count: 200)),
    ]

    @Test(arguments: malformed)
    func malformedInputThrows(name: String, input: [UInt8]) {
        #expect(throws: (any Error).self, "\(name)") {
            try input.withUnsafeBytes { bytes in
                var reader = ThriftCompactReader(bytes)
                try reader.readStruct { _, _, _ in false }
            }
        }
    }

    @Test func footerWithAbsurdLengthIsRejectedBeforeAllocation() {
        var bytes = Array("PAR1".utf8) + [UInt8](repeating: 0, count: 8)
        bytes += [0xFF, 0xFF, 0xFF, 0x7F] + Array("PAR1".utf8)
        #expect { try ParquetFileReader(bytes: bytes) } throws: { ($0 as? ParquetError)?.kind == .corruptMetadata }
        #expect { try ParquetFileReader(bytes: Array("PAR1PAR1".utf8)) } throws: { ($0 as? ParquetError)?.kind == .notParquet }
    }
}
