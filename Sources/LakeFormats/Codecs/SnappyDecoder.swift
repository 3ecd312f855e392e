/// Decompresses raw Snappy blocks (the format Parquet's SNAPPY codec uses: a varint
/// length, then literal and back-reference elements), bounds-checked on every element.
///
/// Copies of 8 bytes at a time when the back-reference distance allows it: this loop
/// decides how fast CandleLake reads pyarrow's default files.
public enum SnappyDecoder {
    /// The uncompressed length a block declares, and where its elements start.
    public static func declaredLength(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> (length: Int, headerSize: Int) {
        var result = 0
        var shift = 0
        for index in 0..<min(5, input.count) {
            let byte = input[index]
            result |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                guard result <= Int(UInt32.max) else { break }
                return (result, index + 1)
            }
            shift += 7
        }
        throw ParquetError.corrupt("snappy: bad length header")
    }

    /// Decompresses `input` into exactly `output.count` bytes; throws unless the block
    /// declares and produces exactly that many.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        let (length, headerSize) = try declaredLength(input)
        guard length == output.count else {
            throw ParquetError.corrupt("snappy: block declares \(length) bytes, page expects \(output.count)")
        }
        guard length > 0 else { return }
        guard let source = input.baseAddress, let destination = output.baseAddress else {
            throw ParquetError.corrupt("snappy: empty input")
        }
        let src = source.assumingMemoryBound(to: UInt8.self)
        let dst = destination.assumingMemoryBound(to: UInt8.self)
        var ip = headerSize
        let inputEnd = input.count
        var op = 0
        let outputEnd = length
        // The last 8 output bytes, kept in a register while known: a copy of offset 8 right
        // after other writes would otherwise load bytes still in the store buffer, and a load
        // spanning two pending stores stalls (the shape of PLAIN int64/double pages).
        var window: UInt64 = 0
        var windowValid = false
        while ip < inputEnd {
            // Fast path: with 64 bytes of slack on both sides, short literals and copies move
            // as two unconditional 8-byte words, without per-byte loops or length branches.
            if ip + 64 <= inputEnd && op + 64 <= outputEnd {
                let tag = src[ip]
                if tag & 3 == 0 && tag < 60 << 2 {
                    let length = Int(tag >> 2) + 1
                    if length <= 4 && op >= 8 {
                        let pair = LowBytesPair(literalLength: length)
                        if pair.matches(UnsafeRawPointer(src + ip).loadUnaligned(as: UInt64.self).littleEndian) {
                            (ip, op, window) = replaceLowBytesRun(pair, src, ip: ip, inputLimit: inputEnd - 64,
                                                                  dst, op: op, outputLimit: outputEnd - 64)
                            windowValid = true
                            continue
                        }
                    }
                    if length <= 16 {
                        copy16(from: src + ip + 1, to: dst + op)
                        if length >= 8 {
                            window = UnsafeRawPointer(src + ip + 1 + length - 8).loadUnaligned(as: UInt64.self)
                            windowValid = true
                        } else if windowValid {
                            let shift = UInt64(8 &* length)
                            window = window >> shift | UnsafeRawPointer(src + ip + 1).loadUnaligned(as: UInt64.self) << (64 &- shift)
                        }
                        ip += 1 + length
                        op += length
                        continue
                    }
                } else if tag & 3 != 0 && tag & 3 != 3 {
                    // Copy-1 or copy-2, selected with masks rather than a branch: in a column
                    // of doubles the two alternate at random, and a branch mispredicts half the time.
                    let shortMask = 0 &- Int(tag & 1)
                    let code = Int(tag)
                    let next = Int(UnsafeRawPointer(src + ip + 1).loadUnaligned(as: UInt16.self).littleEndian)
                    let length = (4 &+ (code >> 2) & 7) & shortMask | ((code >> 2) &+ 1) & ~shortMask
                    let offset = ((code >> 5) << 8 | next & 0xFF) & shortMask | next & ~shortMask
                    let size = 3 &+ shortMask
                    if offset == 8 && length <= 8 && op >= 8 {
                        // Repeats the previous 8 bytes: the new window is the old one rotated.
                        let word = windowValid ? window : UnsafeRawPointer(dst + op - 8).loadUnaligned(as: UInt64.self)
                        UnsafeMutableRawPointer(dst + op).storeBytes(of: word, as: UInt64.self)
                        let shift = UInt64(8 &* length)
                        window = length == 8 ? word : (word >> shift | word << (64 &- shift))
                        windowValid = true
                        ip += size
                        op += length
                        continue
                    }
                    if offset >= 8 && offset <= op && length <= 16 {
                        // The second word may read bytes the first just wrote: that is the
                        // repeating-pattern meaning of a copy whose offset is below 16.
                        copyWord(from: dst + op - offset, to: dst + op)
                        copyWord(from: dst + op - offset + 8, to: dst + op + 8)
                        windowValid = false
                        ip += size
                        op += length
                        continue
                    }
                }
            }
            windowValid = false
            let tag = src[ip]
            ip += 1
            if tag & 3 == 0 {
                var literalLength = Int(tag >> 2) + 1
                if literalLength > 60 {
                    let extra = literalLength - 60
                    guard ip + extra <= inputEnd else { throw ParquetError.corrupt("snappy: truncated literal length") }
                    var value = 0
                    for index in 0..<extra { value |= Int(src[ip + index]) << (8 * index) }
                    ip += extra
                    literalLength = value + 1
                }
                guard literalLength <= inputEnd - ip, literalLength <= outputEnd - op else {
                    throw ParquetError.corrupt("snappy: literal overruns its buffer")
                }
                (dst + op).update(from: src + ip, count: literalLength)
                ip += literalLength
                op += literalLength
                continue
            }
            let copyLength: Int
            let offset: Int
            switch tag & 3 {
            case 1:
                guard ip < inputEnd else { throw ParquetError.corrupt("snappy: truncated copy") }
                copyLength = 4 + Int((tag >> 2) & 7)
                offset = Int(tag >> 5) << 8 | Int(src[ip])
                ip += 1
            case 2:
                guard ip + 2 <= inputEnd else { throw ParquetError.corrupt("snappy: truncated copy") }
                copyLength = Int(tag >> 2) + 1
                offset = Int(src[ip]) | Int(src[ip + 1]) << 8
                ip += 2
            default:
                guard ip + 4 <= inputEnd else { throw ParquetError.corrupt("snappy: truncated copy") }
                copyLength = Int(tag >> 2) + 1
                offset = Int(UnsafeRawPointer(src + ip).loadUnaligned(as: UInt32.self).littleEndian)
                ip += 4
            }
            guard offset > 0, offset <= op, copyLength <= outputEnd - op else {
                throw ParquetError.corrupt("snappy: back-reference out of range")
            }
            copyMatch(dst, at: op, offset: offset, length: copyLength, outputEnd: outputEnd)
            op += copyLength
        }
        guard op == outputEnd else { throw ParquetError.corrupt("snappy: produced \(op) of \(outputEnd) bytes") }
    }

    /// Decodes a run of element pairs that each rebuild one 8-byte value from the previous
    /// one, starting with a pair known to match: a literal of 1...4 new low bytes, then a
    /// copy of the other bytes from offset 8. That is how Snappy compresses a PLAIN column of
    /// slowly changing integers (pyarrow's minute timestamps: 3 new low bytes per value). All
    /// pairs of the run have the same shape, so the input advances by a constant stride and
    /// no load depends on the tag bytes before it: a value every few cycles, where the
    /// general loop spends two latency-bound elements. Stops at the first pair of another
    /// shape or at either limit.
    @inline(never)
    private static func replaceLowBytesRun(
        _ pair: LowBytesPair, _ src: UnsafePointer<UInt8>, ip start: Int, inputLimit: Int,
        _ dst: UnsafeMutablePointer<UInt8>, op outputStart: Int, outputLimit: Int
    ) -> (ip: Int, op: Int, lastWord: UInt64) {
        var ip = start
        var op = outputStart
        var word = UnsafeRawPointer(dst + op - 8).loadUnaligned(as: UInt64.self)
        repeat {
            let head = UnsafeRawPointer(src + ip).loadUnaligned(as: UInt64.self).littleEndian
            guard pair.matches(head) else { break }
            word = word & ~pair.newBytes | (head >> 8) & pair.newBytes
            UnsafeMutableRawPointer(dst + op).storeBytes(of: word, as: UInt64.self)
            ip &+= pair.stride
            op &+= 8
        } while ip <= inputLimit && op <= outputLimit
        return (ip, op, word)
    }

    @inline(__always) private static func copyWord(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(target).storeBytes(of: UnsafeRawPointer(source).loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    @inline(__always) private static func copy16(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        copyWord(from: source, to: target)
        copyWord(from: source + 8, to: target + 8)
    }

    /// Copies `length` bytes from `offset` back, where source and destination may overlap
    /// (a short offset repeats a pattern).
    @inline(__always)
    static func copyMatch(_ dst: UnsafeMutablePointer<UInt8>, at op: Int, offset: Int, length: Int, outputEnd: Int) {
        var from = op - offset
        var to = op
        let end = op + length
        if offset >= 8 && end + 8 <= outputEnd {
            // Whole words, possibly writing up to 7 bytes past `end`, which later elements overwrite.
            while to < end {
                UnsafeMutableRawPointer(dst + to).storeBytes(
                    of: UnsafeRawPointer(dst + from).loadUnaligned(as: UInt64.self), as: UInt64.self)
                to += 8
                from += 8
            }
            return
        }
        while to < end {
            dst[to] = dst[from]
            to += 1
            from += 1
        }
    }
}

/// The header bytes of a Snappy element pair "literal of n bytes, then copy-1 of 8 - n bytes
/// from offset 8" (n in 1...4), as they appear in one little-endian 8-byte load.
private struct LowBytesPair {
    /// Which bits of the load are the two tags and the offset byte.
    let checked: UInt64
    /// Their values.
    let expected: UInt64
    /// The bytes of the value that the literal replaces.
    let newBytes: UInt64
    /// Input bytes per pair.
    let stride: Int

    /// The pair whose literal holds `literalLength` (1...4) bytes.
    @inline(__always)
    init(literalLength: Int) {
        let literalBits = UInt64(8 &* literalLength)
        let copyTag = UInt64(1 | (4 &- literalLength) << 2)
        checked = 0xFF | 0xFFFF &<< (literalBits &+ 8)
        expected = UInt64((literalLength &- 1) << 2) | (copyTag | 8 << 8) &<< (literalBits &+ 8)
        newBytes = (1 &<< literalBits) &- 1
        stride = literalLength &+ 3
    }

    /// Whether the 8 input bytes `head` start with this pair.
    @inline(__always)
    func matches(_ head: UInt64) -> Bool { head & checked == expected }
}
