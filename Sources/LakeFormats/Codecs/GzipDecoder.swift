import CZlib

/// Inflates gzip (or zlib) data with zlib, including several concatenated gzip members,
/// which some writers put in a single page.
public enum GzipDecoder {
    /// Inflates `input` into exactly `output.count` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.io, "zlib: inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(output.count)
        while true {
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another member may follow (trailing zero padding is tolerated).
                guard stream.avail_in > 0, stream.next_in.pointee != 0 else { break }
                guard inflateReset(&stream) == Z_OK else { throw ParquetError.corrupt("gzip: cannot start next member") }
                continue
            }
            guard status == Z_OK else {
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ParquetError.corrupt("gzip: \(message)")
            }
            guard stream.avail_out > 0 else {
                guard stream.avail_in == 0 || inflate(&stream, Z_NO_FLUSH) == Z_STREAM_END else {
                    throw ParquetError.corrupt("gzip: inflates to more than the \(output.count) bytes expected")
                }
                break
            }
            guard stream.avail_in > 0 else { throw ParquetError.corrupt("gzip: truncated stream") }
        }
        guard stream.avail_out == 0 else {
            throw ParquetError.corrupt("gzip: inflated \(output.count - Int(stream.avail_out)) of \(output.count) bytes")
        }
    }
}
