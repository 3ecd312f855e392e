import CZlib

/// Incremental gzip inflation (following concatenated members): feed compressed bytes in
/// pieces, take inflated bytes in pieces, so that neither side is ever held whole.
///
/// A class because zlib keeps a pointer back to its `z_stream`, which therefore lives at a
/// fixed heap address for the inflater's lifetime.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether the last member ended and no input has come since.
    private(set) var isAtMemberEnd = false

    init() throws(ParquetError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 window bits + 32: a gzip (or zlib) header, detected automatically.
        guard inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw ParquetError(.io, "zlib: inflateInit failed")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates from `input` into `output` until one of them is used up or a member ends.
    /// - Returns: bytes taken from `input` and bytes written to `output`.
    /// - Throws: `ParquetError` for corrupt data.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) -> (consumed: Int, produced: Int) {
        if isAtMemberEnd, !input.isEmpty {
            guard inflateReset(stream) == Z_OK else { throw ParquetError.corrupt("gzip: cannot start next member") }
            isAtMemberEnd = false
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in), produced = output.count - Int(stream.pointee.avail_out)
        switch status {
        case Z_STREAM_END: isAtMemberEnd = true
        case Z_OK: break
        case Z_BUF_ERROR where consumed == 0 && produced == 0 && (input.isEmpty || output.isEmpty): break
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw ParquetError.corrupt("gzip: corrupt stream (\(message))")
        }
        return (consumed, produced)
    }
}
