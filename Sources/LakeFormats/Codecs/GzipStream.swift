import CZlib

/// Inflates gzip data of unknown decompressed size (CSV uploads), with a size limit,
/// following concatenated members.
enum GzipStream {
    /// The inflated bytes of `input`; throws past `limit` bytes or on corrupt data.
    static func inflate(_ input: [UInt8], limit: Int) throws(ParquetError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "zlib: inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try input.withUnsafeBufferPointer { source throws(ParquetError) in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                guard output.count <= limit else { throw ParquetError.corrupt("gzip: inflates to more than \(limit) bytes") }
                if status == Z_STREAM_END {
                    guard stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else { throw ParquetError.corrupt("gzip: cannot start next member") }
                } else if status != Z_OK {
                    throw ParquetError.corrupt("gzip: corrupt stream (status \(status))")
                } else if stream.avail_in == 0 && stream.avail_out > 0 {
                    throw ParquetError.corrupt("gzip: truncated stream")
                }
            }
        }
        return output
    }
}
