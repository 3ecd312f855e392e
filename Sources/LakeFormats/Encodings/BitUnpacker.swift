/// Reads little-endian bit-packed unsigned integers (LSB first, as Parquet packs levels,
/// dictionary indices and delta miniblocks) of any width from 0 to 64 bits.
enum BitUnpacker {
    /// Unpacks `count` values of `bitWidth` bits (0...32) starting at `bytes`, which must hold
    /// at least `(count * bitWidth + 7) / 8` bytes (the caller checks).
    static func unpack32(_ bytes: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int,
                         into output: UnsafeMutablePointer<UInt32>) {
        var sink = UnpackedIndexSink(output: output)
        unpack(bytes, available: available, bitWidth: bitWidth, count: count, into: &sink)
    }

    /// Unpacks `count` values of `bitWidth` bits (0...32) and hands each to `sink` in order.
    @inline(__always)
    static func unpack<Sink: UnpackedValueSink>(_ bytes: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int,
                                                into sink: inout Sink) {
        // One specialised loop per width: with the width a constant, the shifts and offsets of
        // the 8 values in a group are constants too, which more than doubles the speed.
        var done = 0
        switch bitWidth {
        case 0:
            for index in 0..<count { sink.put(0, at: index) }
            return
        case 1: done = unpackGroups(1, bytes, available: available, count: count, into: &sink)
        case 2: done = unpackGroups(2, bytes, available: available, count: count, into: &sink)
        case 3: done = unpackGroups(3, bytes, available: available, count: count, into: &sink)
        case 4: done = unpackGroups(4, bytes, available: available, count: count, into: &sink)
        case 5: done = unpackGroups(5, bytes, available: available, count: count, into: &sink)
        case 6: done = unpackGroups(6, bytes, available: available, count: count, into: &sink)
        case 7: done = unpackGroups(7, bytes, available: available, count: count, into: &sink)
        case 8: done = unpackGroups(8, bytes, available: available, count: count, into: &sink)
        case 9: done = unpackGroups(9, bytes, available: available, count: count, into: &sink)
        case 10: done = unpackGroups(10, bytes, available: available, count: count, into: &sink)
        case 11: done = unpackGroups(11, bytes, available: available, count: count, into: &sink)
        case 12: done = unpackGroups(12, bytes, available: available, count: count, into: &sink)
        case 13: done = unpackGroups(13, bytes, available: available, count: count, into: &sink)
        case 14: done = unpackGroups(14, bytes, available: available, count: count, into: &sink)
        case 15: done = unpackGroups(15, bytes, available: available, count: count, into: &sink)
        case 16: done = unpackGroups(16, bytes, available: available, count: count, into: &sink)
        case 17: done = unpackGroups(17, bytes, available: available, count: count, into: &sink)
        case 18: done = unpackGroups(18, bytes, available: available, count: count, into: &sink)
        case 19: done = unpackGroups(19, bytes, available: available, count: count, into: &sink)
        case 20: done = unpackGroups(20, bytes, available: available, count: count, into: &sink)
        case 21: done = unpackGroups(21, bytes, available: available, count: count, into: &sink)
        case 22: done = unpackGroups(22, bytes, available: available, count: count, into: &sink)
        case 23: done = unpackGroups(23, bytes, available: available, count: count, into: &sink)
        case 24: done = unpackGroups(24, bytes, available: available, count: count, into: &sink)
        case 25: done = unpackGroups(25, bytes, available: available, count: count, into: &sink)
        case 26: done = unpackGroups(26, bytes, available: available, count: count, into: &sink)
        case 27: done = unpackGroups(27, bytes, available: available, count: count, into: &sink)
        case 28: done = unpackGroups(28, bytes, available: available, count: count, into: &sink)
        case 29: done = unpackGroups(29, bytes, available: available, count: count, into: &sink)
        case 30: done = unpackGroups(30, bytes, available: available, count: count, into: &sink)
        case 31: done = unpackGroups(31, bytes, available: available, count: count, into: &sink)
        case 32: done = unpackGroups(32, bytes, available: available, count: count, into: &sink)
        default: preconditionFailure("bit width \(bitWidth) above 32")
        }
        var bit = done &* bitWidth
        for index in done..<count {
            sink.put(UInt32(truncatingIfNeeded: slowRead(bytes, available: available, bit: bit, width: bitWidth)), at: index)
            bit &+= bitWidth
        }
    }

    /// Unpacks whole groups of 8 values while an 8-byte load at every value stays inside
    /// `available`; returns how many values it produced.
    @inline(__always)
    private static func unpackGroups<Sink: UnpackedValueSink>(_ width: Int, _ bytes: UnsafeRawPointer, available: Int,
                                                              count: Int, into sink: inout Sink) -> Int {
        let mask = (UInt64(1) << UInt64(width)) &- 1
        // The last value of a group starts at byte (7 * width) / 8 and reads 8 bytes from there.
        let reach = (7 &* width) >> 3 &+ 8
        var group = 0
        var source = bytes
        while (group &+ 1) &* 8 <= count && group &* width &+ reach <= available {
            let first = group &* 8
            for slot in 0..<8 {
                let bit = slot &* width
                let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                sink.put(UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask), at: first &+ slot)
            }
            source += width
            group &+= 1
        }
        return group &* 8
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
