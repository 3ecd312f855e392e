import CZlib
import Synchronization

/// Incremental gzip (RFC 1952) for a streamed response body: each chunk the producer writes
/// is compressed and flushed (`Z_SYNC_FLUSH`) so the client can decode it at once — an NDJSON
/// line or a server-sent event is not held back waiting for more — and ``finish()`` adds the
/// final block and the gzip trailer.
final class GzipStreamEncoder: Sendable {
    /// The zlib state. It lives on the heap because zlib keeps a pointer back to it, so it
    /// must never move; the noncopyable wrapper frees it exactly once.
    private struct Deflater: ~Copyable {
        let stream: UnsafeMutablePointer<z_stream>

        init(level: Int32) throws(GzipStreamError) {
            stream = .allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // windowBits 15 + 16 selects the gzip wrapper. On failure `deinit` frees the
            // allocation (deflateEnd ignores a stream whose init failed).
            guard deflateInit2_(stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw GzipStreamError()
            }
        }

        deinit {
            deflateEnd(stream)
            stream.deallocate()
        }

        /// Compresses `input` and flushes with `flush`; nil if zlib reports an error.
        func deflate(_ input: UnsafeRawBufferPointer, flush: Int32) -> [UInt8]? {
            var output: [UInt8] = []
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            while true {
                // Room for everything in one pass in practice (the bound plus the flush marker
                // and trailer); another pass only when zlib still had output pending.
                let room = Int(deflateBound(stream, uLong(stream.pointee.avail_in))) + 64
                var status = Z_OK
                let pass = [UInt8](unsafeUninitializedCapacity: room) { target, written in
                    stream.pointee.next_out = target.baseAddress!
                    stream.pointee.avail_out = uInt(room)
                    status = CZlib.deflate(stream, flush)
                    written = room - Int(stream.pointee.avail_out)
                }
                if output.isEmpty { output = pass } else { output += pass }
                let spare = stream.pointee.avail_out > 0
                switch status {
                case Z_STREAM_END:
                    return output
                case Z_OK, Z_BUF_ERROR:
                    // Done once zlib had room to spare: all input taken and the flush complete.
                    if spare && stream.pointee.avail_in == 0 && flush != Z_FINISH { return output }
                    if status == Z_BUF_ERROR && spare { return nil }
                default:
                    return nil
                }
            }
        }
    }

    private let deflater: Mutex<Deflater>

    /// A compressor at zlib `level` (1 fastest … 9 smallest); nil if zlib
    /// cannot allocate one.
    init?(level: Int32) {
        do {
            deflater = Mutex(try Deflater(level: level))
        } catch {
            return nil
        }
    }

    /// The compressed form of the next chunk of the body, flushed to a byte boundary.
    /// - Throws: ``GzipStreamError`` if zlib fails (the response is then cut).
    func encode(_ chunk: [UInt8]) throws(GzipStreamError) -> [UInt8] {
        try run(chunk, flush: Z_SYNC_FLUSH)
    }

    /// The end of the gzip stream: the last block and the CRC/length trailer.
    func finish() throws(GzipStreamError) -> [UInt8] {
        try run([], flush: Z_FINISH)
    }

    private func run(_ chunk: [UInt8], flush: Int32) throws(GzipStreamError) -> [UInt8] {
        let output = deflater.withLock { deflater in chunk.withUnsafeBytes { deflater.deflate($0, flush: flush) } }
        guard let output else { throw GzipStreamError() }
        return output
    }
}

/// zlib failed while compressing a streamed response.
struct GzipStreamError: Error, CustomStringConvertible {
    var description: String { "gzip compression of a streamed response failed" }
}
