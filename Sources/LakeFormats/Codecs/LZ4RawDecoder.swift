/// Decompresses one raw LZ4 block (Parquet's LZ4_RAW codec): sequences of a token,
/// literals, and a back-reference, every length checked against both buffers.
public enum LZ4RawDecoder {
    /// Decompresses `input` into exactly `output.count` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        guard let src = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            guard output.isEmpty else { throw ParquetError.corrupt("lz4: empty input") }
            return
        }
        let inputEnd = input.count
        let outputEnd = output.count
        guard let dst = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            // An empty block is a single zero token.
            guard inputEnd == 1 && src[0] == 0 else { throw ParquetError.corrupt("lz4: data for an empty page") }
            return
        }
        var ip = 0
        var op = 0
        while true {
            guard ip < inputEnd else { throw ParquetError.corrupt("lz4: truncated block") }
            let token = src[ip]
            ip += 1
            let literalLength = try readLength(Int(token >> 4), src, &ip, inputEnd)
            guard literalLength <= inputEnd - ip, literalLength <= outputEnd - op else {
                throw ParquetError.corrupt("lz4: literal overruns its buffer")
            }
            (dst + op).update(from: src + ip, count: literalLength)
            ip += literalLength
            op += literalLength
            if ip == inputEnd { break }
            guard ip + 2 <= inputEnd else { throw ParquetError.corrupt("lz4: truncated offset") }
            let offset = Int(src[ip]) | Int(src[ip + 1]) << 8
            ip += 2
            let matchLength = try readLength(Int(token & 0x0F), src, &ip, inputEnd) + 4
            guard offset > 0, offset <= op, matchLength <= outputEnd - op else {
                throw ParquetError.corrupt("lz4: back-reference out of range")
            }
            SnappyDecoder.copyMatch(dst, at: op, offset: offset, length: matchLength, outputEnd: outputEnd)
            op += matchLength
        }
        guard op == outputEnd else { throw ParquetError.corrupt("lz4: produced \(op) of \(outputEnd) bytes") }
    }

    /// A 4-bit length, extended by 255-valued bytes when it is 15.
    @inline(__always)
    private static func readLength(_ nibble: Int, _ src: UnsafePointer<UInt8>, _ ip: inout Int, _ end: Int) throws(ParquetError) -> Int {
        guard nibble == 15 else { return nibble }
        var length = 15
        while true {
            guard ip < end else { throw ParquetError.corrupt("lz4: truncated length") }
            let byte = src[ip]
            ip += 1
            length += Int(byte)
            guard length < Int(Int32.max) else { throw ParquetError.corrupt("lz4: length overflow") }
            if byte != 255 { return length }
        }
    }
}
