import CZlib

/// The CRC-32 (IEEE, as gzip and Parquet page checksums use) of bytes, through zlib.
public enum CRC32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt = 0
        var start = 0
        // zlib takes a 32-bit length; feed larger buffers in pieces.
        while start < bytes.count {
            let length = min(bytes.count - start, 1 << 30)
            crc = crc32(crc, bytes.baseAddress!.advanced(by: start).assumingMemoryBound(to: UInt8.self), UInt32(length))
            start += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The checksum of a byte array.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { checksum($0) } }
}
