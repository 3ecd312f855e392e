/// Decodes the values section of pages into one column's output, whatever the physical type.
/// The page loop (`ColumnChunkDecoder`) handles headers, codecs and levels and calls this.
protocol ColumnPageDecoder {
    /// Takes the PLAIN-encoded dictionary of `count` entries for later dictionary pages.
    mutating func loadDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError)

    /// Decodes `valueCount` non-null values encoded with `encoding` and places them in rows
    /// `row ..< row + rows`; `validity` (rows entries) marks the null rows, nil when none is.
    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, valueCount: Int,
                               row: Int, rows: Int, validity: UnsafePointer<Bool>?) throws(ParquetError)

    /// Where the values of row `row` onwards live, when a PLAIN value's bytes are exactly
    /// its in-memory layout, so that a page can be decompressed straight into place (and
    /// `decodeValues` then finds its bytes already there); nil when they are not.
    func plainDestination(row: Int) -> (pointer: UnsafeMutableRawPointer, width: Int)?
}

extension ColumnPageDecoder {
    func plainDestination(row: Int) -> (pointer: UnsafeMutableRawPointer, width: Int)? { nil }
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
    /// run: a repeated index is one checked lookup, packed indices are unpacked and looked up
    /// in one pass. Any index at or past `entries` (the dictionary's real size) is an error.
    ///
    /// `dictionary` may be padded past `entries` (see `paddedDictionaryCount`): when it holds
    /// `2^bitWidth` entries, no packed index can reach past it, and the range check is one
    /// comparison of the largest index per run instead of a check before every lookup.
    static func gather<T>(_ bytes: UnsafeRawBufferPointer, count: Int, dictionary: UnsafeBufferPointer<T>,
                          entries: Int, into output: UnsafeMutablePointer<T>) throws(ParquetError) {
        guard count > 0 else { return }
        precondition(entries <= dictionary.count, "dictionary storage smaller than its entries")
        guard let width = bytes.first else { throw ParquetError.corrupt("dictionary page data without a bit width") }
        guard let table = dictionary.baseAddress else { throw ParquetError.corrupt("dictionary index into an empty dictionary") }
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), bitWidth: Int(width))
        let fused = Int(width) < Int.bitWidth - 1 && 1 << Int(width) <= dictionary.count
        var produced = 0
        while produced < count {
            let largest: UInt32
            switch try decoder.nextRun(limit: count - produced) {
            case .repeated(let value, let runCount):
                guard value < entries else { throw outOfRange(value, entries) }
                (output + produced).initialize(repeating: table[Int(value)], count: runCount)
                produced += runCount
                continue
            case .packed(let pointer, let available, let runCount) where fused:
                var sink = DictionaryGatherSink(dictionary: table, output: output + produced)
                BitUnpacker.unpack(pointer, available: available, bitWidth: Int(width), count: runCount, into: &sink)
                largest = sink.largest
                produced += runCount
            case .packed(let pointer, let available, let runCount):
                largest = gatherUnpadded(pointer, available: available, bitWidth: Int(width), count: runCount,
                                             dictionary: table, entries: entries, into: output + produced)
                produced += runCount
            }
            guard largest < entries else { throw outOfRange(largest, entries) }
        }
    }

    /// How many entries to allocate for a dictionary of `entries`: the next power of two, so
    /// that indices of the narrowest width that can address it always land inside.
    static func paddedDictionaryCount(_ entries: Int) -> Int {
        entries <= 2 ? 2 : 1 << (Int.bitWidth - (entries - 1).leadingZeroBitCount)
    }

    /// A packed run whose width can address past the dictionary's storage: indices are
    /// unpacked into a small block that stays in L1 and checked before any lookup. Returns the
    /// largest index seen; it stops at the first block holding one at or past `entries`, of
    /// which nothing is looked up.
    private static func gatherUnpadded<T>(_ pointer: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int,
                                          dictionary: UnsafePointer<T>, entries: Int,
                                          into output: UnsafeMutablePointer<T>) -> UInt32 {
        let blockSize = 64
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: blockSize) { indices in
            var done = 0
            var largest: UInt32 = 0
            while done < count {
                let take = min(blockSize, count - done)
                // Unpack from the byte where this block starts (blocks are multiples of 8 values).
                let byteOffset = done * bitWidth / 8
                BitUnpacker.unpack32(pointer + byteOffset, available: available - byteOffset, bitWidth: bitWidth,
                                     count: take, into: indices.baseAddress!)
                for index in 0..<take { largest = max(largest, indices[index]) }
                guard largest < entries else { return largest }
                for index in 0..<take { output[done + index] = dictionary[Int(indices[index])] }
                done += take
            }
            return largest
        }
    }

    private static func outOfRange(_ index: UInt32, _ entries: Int) -> ParquetError {
        ParquetError.corrupt("dictionary index \(index) out of \(entries) entries")
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
