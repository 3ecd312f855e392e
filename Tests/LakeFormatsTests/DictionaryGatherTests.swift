import LakeTestSupport
import Testing
@testable import LakeFormats

/// Dictionary pages decoded by the fused unpack-and-gather (dictionary storage padded to
/// `2^bitWidth` entries) and by the checked block path (an index width that could reach past
/// the storage), against a plain lookup; an index past the real entries is refused by both.
@Suite struct DictionaryGatherTests {
    /// (entries, bit width): the narrowest width, widths beyond the padding, and sizes around
    /// powers of two.
    static let shapes: [(Int, Int)] = [
        (1, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (100, 7), (128, 7), (129, 8), (5_000, 13),
        (70_000, 17), (5, 9), (100, 16), (3, 32),
    ]

    /// A data page's values section: the width byte, then the RLE/bit-packed hybrid.
    static func page(_ indices: [UInt32], bitWidth: Int) -> [UInt8] {
        [UInt8(bitWidth)] + RLEHybridEncoder.encode(indices, bitWidth: bitWidth)
    }

    static func indices(entries: Int, count: Int, seed: UInt64) -> [UInt32] {
        var generator = SplitMix64(seed: seed)
        var indices: [UInt32] = []
        while indices.count < count {
            let value = UInt32.random(in: 0..<UInt32(entries), using: &generator)
            // Mostly distinct values (bit-packed runs), sometimes a repeat (an RLE run).
            let repeats = Int.random(in: 0..<10, using: &generator) == 0 ? Int.random(in: 8...40, using: &generator) : 1
            indices += repeatElement(value, count: min(repeats, count - indices.count))
        }
        return indices
    }

    static func gather(_ page: [UInt8], count: Int, dictionary: [Double], entries: Int) throws -> [Double] {
        var output = [Double](repeating: -1, count: count)
        try page.withUnsafeBytes { bytes in
            try dictionary.withUnsafeBufferPointer { table in
                try output.withUnsafeMutableBufferPointer { target in
                    try DictionaryIndices.gather(bytes, count: count, dictionary: table, entries: entries, into: target.baseAddress!)
                }
            }
        }
        return output
    }

    @Test(arguments: shapes)
    func gathersWhatAPlainLookupGives(entries: Int, bitWidth: Int) throws {
        let values = (0..<entries).map { Double($0) * 1.5 + 0.25 }
        for count in [1, 7, 8, 9, 300, 5_003] {
            let indices = Self.indices(entries: entries, count: count, seed: UInt64(entries * 31 + count))
            let page = Self.page(indices, bitWidth: bitWidth)
            let expected = indices.map { values[Int($0)] }
            let padded = values + repeatElement(0, count: DictionaryIndices.paddedDictionaryCount(entries) - entries)
            #expect(try Self.gather(page, count: count, dictionary: padded, entries: entries) == expected,
                    "padded storage, \(entries) entries, width \(bitWidth), \(count) values")
            #expect(try Self.gather(page, count: count, dictionary: values, entries: entries) == expected,
                    "exact storage, \(entries) entries, width \(bitWidth), \(count) values")
        }
    }

    @Test(arguments: [(5, 3), (100, 7), (5_000, 13), (5, 9)])
    func refusesAnIndexPastTheRealEntries(entries: Int, bitWidth: Int) {
        let values = (0..<entries).map(Double.init)
        let padded = values + repeatElement(0, count: DictionaryIndices.paddedDictionaryCount(entries) - entries)
        // One index past the end, inside a bit-packed run and as an RLE run.
        let packed = Array((0..<20).map { UInt32($0 % entries) }) + [UInt32(entries)] + (0..<11).map { UInt32($0 % entries) }
        let repeated = [UInt32](repeating: UInt32(entries), count: 30)
        for indices in [packed, repeated] {
            let page = Self.page(indices, bitWidth: bitWidth)
            for storage in [padded, values] {
                #expect(throws: ParquetError.self, "\(entries) entries, width \(bitWidth), storage \(storage.count)") {
                    try Self.gather(page, count: indices.count, dictionary: storage, entries: entries)
                }
            }
        }
    }

    @Test func paddingIsTheNextPowerOfTwo() {
        let cases: [(Int, Int)] = [(0, 2), (1, 2), (2, 2), (3, 4), (4, 4), (5, 8), (4_096, 4_096), (4_097, 8_192)]
        for (entries, padded) in cases {
            #expect(DictionaryIndices.paddedDictionaryCount(entries) == padded, "\(entries) entries")
        }
    }
}
