/// Decodes Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary
/// indices, RLE booleans): runs of one repeated value, or groups of 8 bit-packed values.
struct RLEHybridDecoder {
    private var cursor: ByteCursor
    private let bitWidth: Int

    /// A decoder over `bytes` (without any length prefix) for values of `bitWidth` bits.
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) throws(ParquetError) {
        guard (0...32).contains(bitWidth) else { throw ParquetError.corrupt("RLE bit width \(bitWidth)") }
        cursor = ByteCursor(bytes)
        self.bitWidth = bitWidth
    }

    /// Decodes exactly `count` values into `output`; throws if the data runs out.
    mutating func decode(count: Int, into output: UnsafeMutablePointer<UInt32>) throws(ParquetError) {
        var produced = 0
        let valueBytes = (bitWidth + 7) / 8
        while produced < count {
            let header = try cursor.readVarint()
            if header & 1 == 0 {
                let runLength = header >> 1
                guard runLength > 0, runLength <= UInt64(Int32.max) else { throw ParquetError.corrupt("bad RLE run length") }
                guard cursor.remaining >= valueBytes else { throw ParquetError.corrupt("truncated RLE run") }
                var value: UInt32 = 0
                for index in 0..<valueBytes { value |= UInt32(try cursor.readByte()) << (8 * UInt32(index)) }
                let take = min(Int(runLength), count - produced)
                (output + produced).initialize(repeating: value, count: take)
                produced += take
            } else {
                let groups = header >> 1
                // Width 0 packs any number of values into no bytes; otherwise the run must mostly exist.
                guard groups > 0, groups <= UInt64(Int32.max),
                      bitWidth == 0 || groups <= UInt64(cursor.remaining) else { throw ParquetError.corrupt("bad bit-packed run") }
                let values = Int(groups) * 8
                let byteCount = Int(groups) * bitWidth
                // A final group may be cut short by the end of the page (tolerated: extra values unused).
                let available = min(byteCount, cursor.remaining)
                let take = min(values, count - produced)
                guard take * bitWidth <= available * 8 else { throw ParquetError.corrupt("truncated bit-packed run") }
                BitUnpacker.unpack32(cursor.remaining > 0 ? cursor.pointer : UnsafeRawPointer(output), available: available, bitWidth: bitWidth, count: take,
                                     into: output + produced)
                produced += take
                try cursor.skip(available)
            }
        }
    }

    /// One run of the encoding, at most `limit` values long.
    enum Run {
        /// `count` copies of `value`.
        case repeated(value: UInt32, count: Int)
        /// `count` values bit-packed at `pointer` (with `available` bytes readable).
        case packed(pointer: UnsafeRawPointer, available: Int, count: Int)
    }

    /// The next run (consuming it), cut to `limit` values; for callers that act on whole
    /// runs (a repeated dictionary index is one lookup, not `count`).
    mutating func nextRun(limit: Int) throws(ParquetError) -> Run {
        let header = try cursor.readVarint()
        if header & 1 == 0 {
            let runLength = header >> 1
            guard runLength > 0, runLength <= UInt64(Int32.max) else { throw ParquetError.corrupt("bad RLE run length") }
            var value: UInt32 = 0
            for index in 0..<((bitWidth + 7) / 8) { value |= UInt32(try cursor.readByte()) << (8 * UInt32(index)) }
            return .repeated(value: value, count: min(Int(runLength), limit))
        }
        let groups = header >> 1
        guard groups > 0, groups <= UInt64(Int32.max), bitWidth == 0 || groups <= UInt64(cursor.remaining) else {
            throw ParquetError.corrupt("bad bit-packed run")
        }
        let available = min(Int(groups) * bitWidth, cursor.remaining)
        let take = min(Int(groups) * 8, limit)
        guard take * bitWidth <= available * 8 else { throw ParquetError.corrupt("truncated bit-packed run") }
        let pointer = cursor.remaining > 0 ? cursor.pointer : UnsafeRawPointer(bitPattern: 1)!
        try cursor.skip(available)
        return .packed(pointer: pointer, available: available, count: take)
    }

    /// Bytes consumed so far.
    var consumed: Int { cursor.position }
}
