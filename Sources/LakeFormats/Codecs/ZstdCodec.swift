import CZstd

/// Zstandard through libzstd: decompression of one or more frames into a buffer of known
/// size, and compression at a chosen level.
public enum ZstdCodec {
    /// Decompresses `input` into exactly `output.count` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        let written = ZSTD_decompress(output.baseAddress, output.count, input.baseAddress, input.count)
        if ZSTD_isError(written) != 0 {
            throw ParquetError.corrupt("zstd: \(String(cString: ZSTD_getErrorName(written)))")
        }
        guard written == output.count else { throw ParquetError.corrupt("zstd: produced \(written) of \(output.count) bytes") }
    }

    /// `input` compressed at `level` (1 fastest … 22 smallest).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compress(out.baseAddress, out.count, input.baseAddress, input.count, level)
        }
        // Only a too-small destination can fail, and compressBound rules that out.
        precondition(ZSTD_isError(written) == 0, "ZSTD_compress failed with a bound-sized buffer")
        output.removeSubrange(written...)
        return output
    }
}
