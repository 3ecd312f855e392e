/// Where `BitUnpacker.unpack` puts each value: the unpacking loop is specialised for each
/// sink, so what happens to a value is fused into the loop that extracts it.
protocol UnpackedValueSink {
    /// Takes the value at position `index` (from 0, in order).
    mutating func put(_ value: UInt32, at index: Int)
}

/// Stores the values themselves (levels, delta miniblocks, dictionary indices).
struct UnpackedIndexSink: UnpackedValueSink {
    let output: UnsafeMutablePointer<UInt32>

    @inline(__always)
    func put(_ value: UInt32, at index: Int) {
        output[index] = value
    }
}

/// Stores `dictionary[value]` for each value, and remembers the largest value so the caller
/// can check it against the real entry count afterwards. Memory-safe only because the
/// dictionary holds `2^bitWidth` entries (padded past its real ones), so no unpacked value
/// can index past it.
struct DictionaryGatherSink<Word>: UnpackedValueSink {
    let dictionary: UnsafePointer<Word>
    let output: UnsafeMutablePointer<Word>
    private(set) var largest: UInt32 = 0

    init(dictionary: UnsafePointer<Word>, output: UnsafeMutablePointer<Word>) {
        self.dictionary = dictionary
        self.output = output
    }

    @inline(__always)
    mutating func put(_ value: UInt32, at index: Int) {
        largest = max(largest, value)
        output[index] = dictionary[Int(value)]
    }
}
