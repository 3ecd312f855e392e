/// Reads little-endian bit-packed unsigned integers (LSB first, as Parquet packs levels,
/// dictionary indices and delta miniblocks) of any width from 0 to 64 bits.
enum BitUnpacker {
    /// Unpacks `count` values of `bitWidth` bits starting at `bytes`, which must hold at
    /// least `(count * bitWidth + 7) / 8` bytes (the caller checks).
    @inline(__always)
    static func unpack32(_ bytes: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int,
                         into output: UnsafeMutablePointer<UInt32>) {
        if bitWidth == 0 {
            output.initialize(repeating: 0, count: count)
            return
        }
        let mask = UInt64(1) << UInt64(bitWidth) &- 1
        var bit = 0
        var index = 0
        // Fast path: an 8-byte window always covers a value of up to 32 bits plus 7 bits of
        // misalignment, as long as 8 bytes remain from the value's first byte.
        let safeBits = (available - 8) * 8
        while index < count && bit <= safeBits {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            output[index] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += bitWidth
            index += 1
        }
        while index < count {
            output[index] = UInt32(truncatingIfNeeded: slowRead(bytes, available: available, bit: bit, width: bitWidth))
            bit += bitWidth
            index += 1
        }
    }

    /// `unpack32` for widths up to 64 (delta encodings of INT64).
    static func unpack64(_ bytes: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int,
                         into output: UnsafeMutablePointer<UInt64>) {
        var bit = 0
        for index in 0..<count {
            output[index] = slowRead(bytes, available: available, bit: bit, width: bitWidth)
            bit += bitWidth
        }
    }

    /// One value, byte by byte; bytes past `available` read as zero.
    @inline(__always)
    static func slowRead(_ bytes: UnsafeRawPointer, available: Int, bit: Int, width: Int) -> UInt64 {
        guard width > 0 else { return 0 }
        var result: UInt64 = 0
        var produced = 0
        var position = bit
        while produced < width {
            let byteIndex = position >> 3
            let shift = position & 7
            let byte = byteIndex < available ? UInt64(bytes.load(fromByteOffset: byteIndex, as: UInt8.self)) : 0
            let take = min(8 - shift, width - produced)
            result |= ((byte >> UInt64(shift)) & ((1 << UInt64(take)) - 1)) << UInt64(produced)
            produced += take
            position += take
        }
        return result
    }
}
