/// Decodes the values section of pages into one column's output, whatever the physical type.
/// The page loop (`ColumnChunkDecoder`) handles headers, codecs and levels and calls this.
protocol ColumnPageDecoder {
    /// Takes the PLAIN-encoded dictionary of `count` entries for later dictionary pages.
    mutating func loadDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError)

    /// Decodes `valueCount` non-null values encoded with `encoding` and places them in rows
    /// `row ..< row + rows`; `validity` (rows entries) marks the null rows, nil when none is.
    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, valueCount: Int,
                               row: Int, rows: Int, validity: UnsafePointer<Bool>?) throws(ParquetError)
}

/// Dictionary indices of a data page: one byte of bit width, then the RLE/bit-packed hybrid.
enum DictionaryIndices {
    /// Decodes `count` indices into `output`, each checked against `dictionaryCount`.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, dictionaryCount: Int,
                       into output: UnsafeMutablePointer<UInt32>) throws(ParquetError) {
        guard count > 0 else { return }
        guard let width = bytes.first else { throw ParquetError.corrupt("dictionary page data without a bit width") }
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), bitWidth: Int(width))
        try decoder.decode(count: count, into: output)
        var largest: UInt32 = 0
        for index in 0..<count { largest = max(largest, output[index]) }
        guard Int(largest) < dictionaryCount else {
            throw ParquetError.corrupt("dictionary index \(largest) out of \(dictionaryCount) entries")
        }
    }
}

extension DictionaryIndices {
    /// Decodes `count` indices and writes `dictionary[index]` for each into `output`, run by
    /// run: a repeated index is one checked lookup, packed indices are unpacked in small
    /// blocks that stay in L1. Any index outside the dictionary is an error.
    static func gather<T>(_ bytes: UnsafeRawBufferPointer, count: Int, dictionary: UnsafeBufferPointer<T>,
                          into output: UnsafeMutablePointer<T>) throws(ParquetError) {
        guard count > 0 else { return }
        guard let width = bytes.first else { throw ParquetError.corrupt("dictionary page data without a bit width") }
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), bitWidth: Int(width))
        let entries = UInt32(truncatingIfNeeded: dictionary.count)
        var produced = 0
        var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                     UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        try withUnsafeMutableBytes(of: &block) { raw throws(ParquetError) in
            let indices = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            let blockSize = raw.count / 4
            while produced < count {
                switch try decoder.nextRun(limit: count - produced) {
                case .repeated(let value, let runCount):
                    guard value < entries else { throw ParquetError.corrupt("dictionary index \(value) out of \(entries) entries") }
                    (output + produced).initialize(repeating: dictionary[Int(value)], count: runCount)
                    produced += runCount
                case .packed(let pointer, let available, let runCount):
                    var done = 0
                    while done < runCount {
                        let take = min(blockSize, runCount - done)
                        // Unpack from the byte where this block starts (blocks are multiples of 8 values).
                        let byteOffset = done * Int(width) / 8
                        BitUnpacker.unpack32(pointer + byteOffset, available: available - byteOffset, bitWidth: Int(width),
                                             count: take, into: indices)
                        var largest: UInt32 = 0
                        for index in 0..<take { largest = max(largest, indices[index]) }
                        guard largest < entries else {
                            throw ParquetError.corrupt("dictionary index \(largest) out of \(entries) entries")
                        }
                        let target = output + produced + done
                        for index in 0..<take { target[index] = dictionary[Int(indices[index])] }
                        done += take
                    }
                    produced += runCount
                }
            }
        }
    }
}

/// Moves `valueCount` densely decoded values at the start of `buffer` to the rows that are
/// valid (in place, from the back), and puts `zero` into the null rows.
@inline(__always)
func spreadOverValidRows<T>(_ buffer: UnsafeMutablePointer<T>, rows: Int, valueCount: Int,
                            validity: UnsafePointer<Bool>, zero: T) {
    var source = valueCount - 1
    var target = rows - 1
    while target >= 0 {
        if validity[target] {
            buffer[target] = buffer[source]
            source -= 1
        } else {
            buffer[target] = zero
        }
        target -= 1
    }
}
