/// Decodes DELTA_BINARY_PACKED integers: a header (block size, miniblocks per block, value
/// count, first value), then blocks of a min delta and bit-packed miniblocks. Arithmetic
/// wraps, so INT32 columns decode by truncating the 64-bit result.
struct DeltaBinaryPackedDecoder {
    private var cursor: ByteCursor
    /// Values the header says are encoded.
    let totalCount: Int
    private let blockSize: Int
    private let miniblocksPerBlock: Int

    /// Reads the header; `limit` bounds the value count (the values the page can hold).
    init(_ bytes: UnsafeRawBufferPointer, limit: Int) throws(ParquetError) {
        cursor = ByteCursor(bytes)
        blockSize = try cursor.readCount(limit: 1 << 20, "delta block size")
        miniblocksPerBlock = try cursor.readCount(limit: 1 << 10, "delta miniblock count")
        totalCount = try cursor.readCount(limit: limit, "delta value count")
        guard blockSize > 0, blockSize % 128 == 0, miniblocksPerBlock > 0, blockSize % miniblocksPerBlock == 0,
              (blockSize / miniblocksPerBlock) % 32 == 0 else {
            throw ParquetError.corrupt("delta header: block \(blockSize), miniblocks \(miniblocksPerBlock)")
        }
    }

    /// Decodes all `totalCount` values into `output` (room for `totalCount`); returns the
    /// bytes consumed, so that data following the integers can be found.
    mutating func decode(into output: UnsafeMutableBufferPointer<Int64>) throws(ParquetError) -> Int {
        guard totalCount > 0 else {
            _ = try cursor.readZigZag()
            return cursor.position
        }
        var previous = try cursor.readZigZag()
        output[0] = previous
        var produced = 1
        let perMiniblock = blockSize / miniblocksPerBlock
        var scratch = [UInt64](repeating: 0, count: perMiniblock)
        while produced < totalCount {
            let minDelta = try cursor.readZigZag()
            guard cursor.remaining >= miniblocksPerBlock else { throw ParquetError.corrupt("truncated delta bit widths") }
            let widthsStart = cursor.position
            try cursor.skip(miniblocksPerBlock)
            for miniblock in 0..<miniblocksPerBlock where produced < totalCount {
                let width = Int(cursor.bytes[widthsStart + miniblock])
                guard width <= 64 else { throw ParquetError.corrupt("delta bit width \(width)") }
                let byteCount = perMiniblock * width / 8
                guard cursor.remaining >= byteCount else { throw ParquetError.corrupt("truncated delta miniblock") }
                let take = min(perMiniblock, totalCount - produced)
                scratch.withUnsafeMutableBufferPointer { buffer in
                    if width <= 32 {
                        buffer.withMemoryRebound(to: UInt32.self) { narrow in
                            BitUnpacker.unpack32(cursor.pointer, available: byteCount, bitWidth: width, count: take,
                                                 into: narrow.baseAddress!)
                            for index in 0..<take {
                                previous = previous &+ minDelta &+ Int64(narrow[index])
                                output[produced + index] = previous
                            }
                        }
                    } else {
                        BitUnpacker.unpack64(cursor.pointer, available: byteCount, bitWidth: width, count: take,
                                             into: buffer.baseAddress!)
                        for index in 0..<take {
                            previous = previous &+ minDelta &+ Int64(bitPattern: buffer[index])
                            output[produced + index] = previous
                        }
                    }
                }
                produced += take
                try cursor.skip(byteCount)
            }
        }
        return cursor.position
    }

    /// Decodes a whole DELTA_BINARY_PACKED run at the start of `bytes`; returns the values
    /// and the bytes consumed.
    static func decodeAll(_ bytes: UnsafeRawBufferPointer, limit: Int) throws(ParquetError) -> ([Int64], Int) {
        var decoder = try DeltaBinaryPackedDecoder(bytes, limit: limit)
        var values = [Int64](repeating: 0, count: decoder.totalCount)
        let consumed = try values.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in
            try decoder.decode(into: buffer)
        }
        return (values, consumed)
    }
}
