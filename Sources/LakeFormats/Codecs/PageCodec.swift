/// Compresses and decompresses page bytes with a chunk's codec.
public enum PageCodec {
    /// Decompresses `input` (compressed with `codec`) into exactly `output.count` bytes.
    public static func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer,
                                  into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        switch codec {
        case .uncompressed:
            guard input.count == output.count else {
                throw ParquetError.corrupt("uncompressed page of \(input.count) bytes declares \(output.count)")
            }
            if !input.isEmpty { output.copyMemory(from: input) }
        case .snappy: try SnappyDecoder.decompress(input, into: output)
        case .gzip: try GzipDecoder.decompress(input, into: output)
        case .zstd: try ZstdCodec.decompress(input, into: output)
        case .lz4Raw: try LZ4RawDecoder.decompress(input, into: output)
        case .lzo, .brotli, .lz4: throw ParquetError(.unsupported, "compression codec \(codec)")
        }
    }

    /// `input` compressed with `codec` (one the writer supports).
    public static func compress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, zstdLevel: Int32 = 1) throws(ParquetError) -> [UInt8] {
        switch codec {
        case .uncompressed: return Array(input)
        case .snappy: return SnappyEncoder.compress(input)
        case .zstd: return ZstdCodec.compress(input, level: zstdLevel)
        default: throw ParquetError(.unsupported, "writing with codec \(codec)")
        }
    }
}
