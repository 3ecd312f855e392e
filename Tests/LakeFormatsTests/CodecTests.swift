import Foundation
import Testing
@testable import LakeFormats

@Suite struct CodecTests {
    /// Inputs that exercise literals, short and long matches, overlaps and incompressible data.
    static let inputs: [(String, [UInt8])] = {
        var generator = SystemRandomNumberGenerator()
        var random = [UInt8](repeating: 0, count: 100_000)
        for index in random.indices { random[index] = UInt8.random(in: 0...255, using: &generator) }
        var timestamps: [UInt8] = []
        for index in 0..<20_000 { withUnsafeBytes(of: Int64(1_700_000_000_000 + index * 60_000)) { timestamps += $0 } }
        return [
            ("empty", []),
            ("one byte", [42]),
            ("short", Array("hello".utf8)),
            ("run", [UInt8](repeating: 7, count: 70_000)),
            ("text", Array(String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 3000).utf8)),
            ("random", random),
            ("timestamps", timestamps),
            ("two fragments", Array((0..<150_000).map { UInt8(truncatingIfNeeded: $0 / 7) })),
        ]
    }()

    @Test(arguments: inputs)
    func snappyRoundTrips(name: String, input: [UInt8]) throws {
        let compressed = SnappyEncoder.compress(input)
        #expect(compressed.count <= SnappyEncoder.maximumCompressedLength(input.count))
        var output = [UInt8](repeating: 0, count: input.count)
        try compressed.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { try SnappyDecoder.decompress(source, into: $0) }
        }
        #expect(output == input, "\(name)")
    }

    @Test func snappyMatchesPythonsCodec() throws {
        // pa.compress(b"abc" * 8, codec="snappy"): a literal, then a copy overlapping its source.
        let compressed: [UInt8] = [0x18, 0x08, 0x61, 0x62, 0x63, 0x52, 0x03, 0x00]
        var output = [UInt8](repeating: 0, count: 24)
        try compressed.withUnsafeBytes { source in try output.withUnsafeMutableBytes { try SnappyDecoder.decompress(source, into: $0) } }
        #expect(String(decoding: output, as: UTF8.self) == "abcabcabcabcabcabcabcabc")
    }

    static let corruptSnappy: [(String, [UInt8], Int)] = [
        ("length mismatch", [0x05, 0x10, 0x61, 0x62, 0x63, 0x64, 0x65], 4),
        ("offset before start", [0x08, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x09, 0x10], 8),
        ("zero offset", [0x08, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x01, 0x00], 8),
        ("truncated literal", [0x08, 0x1c, 0x61, 0x62], 8),
        ("unterminated varint", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 8),
        ("short output", [0x08, 0x0c, 0x61, 0x62, 0x63, 0x64], 8),
    ]

    @Test(arguments: corruptSnappy)
    func snappyRejectsCorruptBlocks(name: String, input: [UInt8], outputSize: Int) {
        var output = [UInt8](repeating: 0, count: outputSize)
        #expect(throws: ParquetError.self, "\(name)") {
            try input.withUnsafeBytes { source in try output.withUnsafeMutableBytes { try SnappyDecoder.decompress(source, into: $0) } }
        }
    }

    static let lz4: [(String, [UInt8], String?)] = [
        ("literals only", [0x50, 0x68, 0x65, 0x6c, 0x6c, 0x6f], "hello"),
        ("literal then overlapping match", [0x35, 0x61, 0x62, 0x63, 0x03, 0x00, 0x20, 0x78, 0x79], "abcabcabcabcxy"),
        ("offset too far", [0x15, 0x61, 0x09, 0x00, 0x10, 0x78], nil),
        ("truncated", [0xf0], nil),
    ]

    @Test(arguments: lz4)
    func lz4RawDecodesBlocks(name: String, input: [UInt8], expected: String?) {
        var output = [UInt8](repeating: 0, count: expected?.utf8.count ?? 16)
        let result = Result { () throws(ParquetError) in
            try input.withUnsafeBufferPointer { source throws(ParquetError) in
                try output.withUnsafeMutableBufferPointer { target throws(ParquetError) in
                    try LZ4RawDecoder.decompress(UnsafeRawBufferPointer(source), into: UnsafeMutableRawBufferPointer(target))
                }
            }
        }
        if let expected {
            #expect((try? result.get()) != nil, "\(name)")
            #expect(String(decoding: output, as: UTF8.self) == expected, "\(name)")
        } else {
            #expect((try? result.get()) == nil, "\(name)")
        }
    }

    @Test func zstdAndCRCAgreeWithZlibAndLibzstd() throws {
        let input = Array(String(repeating: "candlelake ", count: 1000).utf8)
        let compressed = input.withUnsafeBytes { ZstdCodec.compress($0, level: 3) }
        #expect(compressed.count < input.count / 10)
        var output = [UInt8](repeating: 0, count: input.count)
        try compressed.withUnsafeBytes { source in try output.withUnsafeMutableBytes { try ZstdCodec.decompress(source, into: $0) } }
        #expect(output == input)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)   // the standard check value
    }

    @Test func rleHybridRoundTripsMixedRunsAndLiterals() throws {
        let values: [UInt32] = [1, 2, 3] + Array(repeating: 5, count: 20) + (0..<37).map { $0 % 9 } + Array(repeating: 0, count: 9)
        for width in [4, 7, 13] {
            let encoded = RLEHybridEncoder.encode(values, bitWidth: width)
            var decoded = [UInt32](repeating: 99, count: values.count)
            try encoded.withUnsafeBytes { bytes in
                var decoder = try RLEHybridDecoder(bytes, bitWidth: width)
                try decoded.withUnsafeMutableBufferPointer { try decoder.decode(count: values.count, into: $0.baseAddress!) }
            }
            #expect(decoded == values, "width \(width)")
        }
    }

    @Test(arguments: 0...32)
    func bitUnpackingMatchesTheBitByBitReference(width: Int) {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 7, 8, 9, 64, 77] {
            let bytes = (0..<((count * width + 7) / 8)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var fast = [UInt32](repeating: 0, count: count)
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
                fast.withUnsafeMutableBufferPointer {
                    BitUnpacker.unpack32(base, available: raw.count, bitWidth: width, count: count, into: $0.baseAddress!)
                }
                let reference = (0..<count).map {
                    UInt32(BitUnpacker.slowRead(base, available: raw.count, bit: $0 * width, width: width))
                }
                #expect(fast == reference, "width \(width), count \(count)")
            }
        }
    }
}
