import LakeTestSupport
import Testing
@testable import LakeFormats

/// Snappy blocks written element by element, in the shapes other writers' compressors emit
/// for PLAIN columns of 8-byte values (a short literal of new low bytes, then a copy of the
/// rest from 8 or more bytes back), mixed with the shapes that must interrupt the decoder's
/// run loop, and decoded against a byte-at-a-time reference.
@Suite struct SnappyElementStreamTests {
    /// One element of a Snappy block.
    enum Element {
        case literal([UInt8])
        case copy1(length: Int, offset: Int)
        case copy2(length: Int, offset: Int)
    }

    static func block(_ elements: [Element]) -> [UInt8] {
        var body: [UInt8] = []
        var length = 0
        for element in elements {
            switch element {
            case .literal(let bytes):
                precondition((1...60).contains(bytes.count), "a literal of 1 to 60 bytes has a one-byte tag")
                body.append(UInt8(bytes.count - 1) << 2)
                body += bytes
                length += bytes.count
            case .copy1(let copyLength, let offset):
                body += [UInt8(1 | (copyLength - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                length += copyLength
            case .copy2(let copyLength, let offset):
                body += [UInt8(2 | (copyLength - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                length += copyLength
            }
        }
        var header: [UInt8] = []
        var remaining = length
        while remaining >= 0x80 {
            header.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        return header + [UInt8(remaining)] + body
    }

    /// The format's meaning, one byte at a time.
    static func reference(_ elements: [Element]) -> [UInt8] {
        var output: [UInt8] = []
        for element in elements {
            switch element {
            case .literal(let bytes): output += bytes
            case .copy1(let length, let offset), .copy2(let length, let offset):
                for _ in 0..<length { output.append(output[output.count - offset]) }
            }
        }
        return output
    }

    /// A column of 8-byte values, each written the way it differs from an earlier one.
    static func column(seed: UInt64, values: Int) -> [Element] {
        var generator = SplitMix64(seed: seed)
        func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        var elements: [Element] = [.literal(bytes(8))]
        var produced = 1
        while produced < values {
            let newBytes = Int.random(in: 1...4, using: &generator)
            let back = min(produced, Int.random(in: 1...3, using: &generator))
            switch Int.random(in: 0..<20, using: &generator) {
            case 0..<11:
                // The run loop's shape: literal, then copy-1 of the rest from the previous value.
                elements += [.literal(bytes(newBytes)), .copy1(length: 8 - newBytes, offset: 8)]
            case 11:
                elements += [.literal(bytes(newBytes)), .copy2(length: 8 - newBytes, offset: 8)]
            case 12, 13:
                elements += [.literal(bytes(newBytes)), .copy1(length: 8 - newBytes, offset: 8 * back)]
            case 14..<17:
                // New high bytes too, so that copies from different earlier values differ.
                elements += [.literal(bytes(8))]
            case 17:
                // A value that repeats an earlier one whole, or overlaps its own start.
                elements += [.copy1(length: 8, offset: 8 * back)]
            case 18:
                let head = min(newBytes, 3)
                elements += [.literal(bytes(head)), .copy1(length: 4, offset: 8), .literal(bytes(4 - head))]
            default:
                let run = Int.random(in: 1...8, using: &generator)
                elements += [.copy2(length: 8 * run, offset: 8)]
                produced += run - 1
            }
            produced += 1
        }
        return elements
    }

    static let seeds: [UInt64] = Array(1...40)

    @Test(arguments: seeds)
    func decodesColumnsOfSlowlyChangingValues(seed: UInt64) throws {
        // Sizes from a handful of values to many pages' worth, so that runs end at every
        // distance from the block's end, where the fast paths must hand over.
        let values = seed <= 20 ? Int(seed) : Int(seed) * 211
        let elements = Self.column(seed: seed, values: values)
        let compressed = Self.block(elements)
        let expected = Self.reference(elements)
        var output = [UInt8](repeating: 0xEE, count: expected.count)
        try compressed.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { try SnappyDecoder.decompress(source, into: $0) }
        }
        // The first wrong byte, rather than two arrays of many thousand bytes.
        let firstWrongByte = zip(output, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstWrongByte == nil, "seed \(seed), \(expected.count) bytes")
    }

    @Test func aRunThatReachesBeforeTheOutputIsRefused() {
        // The pair shape at output position 4, with room for the fast paths after it: its
        // copy reaches 8 bytes back, past the start of the output.
        let filler = [UInt8](repeating: 9, count: 60)
        let compressed = Self.block([.literal([1, 2, 3, 4]), .literal([5, 6, 7]), .copy1(length: 5, offset: 8),
                                     .literal(filler), .literal(filler)])
        var output = [UInt8](repeating: 0, count: 132)
        #expect(throws: ParquetError.self) {
            try compressed.withUnsafeBytes { source in
                try output.withUnsafeMutableBytes { try SnappyDecoder.decompress(source, into: $0) }
            }
        }
    }
}
