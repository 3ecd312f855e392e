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
