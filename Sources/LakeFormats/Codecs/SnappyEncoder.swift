/// Compresses bytes into one raw Snappy block: greedy matching of 4-byte sequences through
/// a hash table, per 64 KiB fragment as the reference implementation does, so any Snappy
/// decoder reads the result.
public enum SnappyEncoder {
    private static let fragmentSize = 1 << 16
    private static let hashBits = 14

    /// The worst-case compressed size of `length` bytes.
    public static func maximumCompressedLength(_ length: Int) -> Int { 32 + length + length / 6 }

    /// `input` compressed.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: maximumCompressedLength(input.count))
        let written = output.withUnsafeMutableBufferPointer { out -> Int in
            var op = 0
            var length = input.count
            repeat {
                out[op] = UInt8(truncatingIfNeeded: length) | (length >= 0x80 ? 0x80 : 0)
                op += 1
                length >>= 7
            } while length > 0
            guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return op }
            var table = [UInt16](repeating: 0, count: 1 << hashBits)
            var start = 0
            while start < input.count {
                let fragmentLength = min(fragmentSize, input.count - start)
                op = compressFragment(base + start, length: fragmentLength, table: &table, output: out, at: op)
                start += fragmentLength
            }
            return op
        }
        output.removeSubrange(written...)
        return output
    }

    /// `input` compressed (array convenience).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    @inline(__always) private static func hash(_ word: UInt32) -> Int {
        Int((word &* 0x1E35_A7BD) >> (32 - UInt32(hashBits)))
    }

    private static func compressFragment(_ src: UnsafePointer<UInt8>, length: Int, table: inout [UInt16],
                                         output: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var op = start
        var literalStart = 0
        if length >= 15 {
            for index in table.indices { table[index] = 0 }
            let raw = UnsafeRawPointer(src)
            let limit = length - 4
            var ip = 1
            var skip = 32
            while ip <= limit {
                let word = raw.loadUnaligned(fromByteOffset: ip, as: UInt32.self)
                let slot = hash(word)
                let candidate = Int(table[slot])
                table[slot] = UInt16(ip)
                guard candidate < ip, raw.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == word else {
                    // Step faster through data that does not compress.
                    ip += skip >> 5
                    skip += 1
                    continue
                }
                skip = 32
                op = emitLiteral(src + literalStart, length: ip - literalStart, output: output, at: op)
                var matchLength = 4
                while ip + matchLength < length && src[candidate + matchLength] == src[ip + matchLength] { matchLength += 1 }
                op = emitCopy(offset: ip - candidate, length: matchLength, output: output, at: op)
                ip += matchLength
                literalStart = ip
                if ip - 1 <= limit {
                    table[hash(raw.loadUnaligned(fromByteOffset: ip - 1, as: UInt32.self))] = UInt16(ip - 1)
                }
            }
        }
        if literalStart < length {
            op = emitLiteral(src + literalStart, length: length - literalStart, output: output, at: op)
        }
        return op
    }

    private static func emitLiteral(_ src: UnsafePointer<UInt8>, length: Int, output: UnsafeMutableBufferPointer<UInt8>,
                                    at start: Int) -> Int {
        guard length > 0 else { return start }
        var op = start
        let n = length - 1
        if n < 60 {
            output[op] = UInt8(n << 2)
            op += 1
        } else {
            var bytes = 0
            var rest = n
            while rest > 0 { bytes += 1; rest >>= 8 }
            output[op] = UInt8((59 + bytes) << 2)
            op += 1
            for index in 0..<bytes { output[op + index] = UInt8(truncatingIfNeeded: n >> (8 * index)) }
            op += bytes
        }
        output.baseAddress!.advanced(by: op).update(from: src, count: length)
        return op + length
    }

    private static func emitCopy(offset: Int, length: Int, output: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var op = start
        var rest = length
        // Copies of up to 64 bytes per element; keep a tail of at least 4 for the last one.
        while rest >= 68 {
            op = emitCopyElement(offset: offset, length: 64, output: output, at: op)
            rest -= 64
        }
        if rest > 64 {
            op = emitCopyElement(offset: offset, length: 60, output: output, at: op)
            rest -= 60
        }
        return emitCopyElement(offset: offset, length: rest, output: output, at: op)
    }

    private static func emitCopyElement(offset: Int, length: Int, output: UnsafeMutableBufferPointer<UInt8>, at op: Int) -> Int {
        if length < 12 && offset < 2048 {
            output[op] = UInt8(1 | ((length - 4) << 2) | ((offset >> 8) << 5))
            output[op + 1] = UInt8(truncatingIfNeeded: offset)
            return op + 2
        }
        output[op] = UInt8(2 | ((length - 1) << 2))
        output[op + 1] = UInt8(truncatingIfNeeded: offset)
        output[op + 2] = UInt8(truncatingIfNeeded: offset >> 8)
        return op + 3
    }
}
