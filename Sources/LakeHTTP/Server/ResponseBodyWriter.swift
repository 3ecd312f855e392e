import Glibc
import Synchronization

/// The sink a streamed response body writes into (see ``ResponseBody/stream(length:producer:)``).
///
/// `write` returns once the bytes are queued on the socket and the connection's outbound
/// buffer is below ``HTTPServerConfiguration/writeHighWaterMark``; while the client reads
/// slowly, it waits. If the connection is gone it throws, which ends the producer.
public final class ResponseBodyWriter: Sendable {
    private let loop: EventLoop
    private let fd: Int32
    private let id: UInt32
    /// Body bytes accepted so far (for the access log).
    let bytesWritten = Atomic<Int>(0)
    /// Set on a writer that gzips what it is given into another writer.
    private let gzip: (encoder: GzipStreamEncoder, downstream: ResponseBodyWriter)?

    init(loop: EventLoop, fd: Int32, id: UInt32) {
        self.loop = loop
        self.fd = fd
        self.id = id
        gzip = nil
    }

    /// A writer that compresses each write with `encoder` and passes it to `downstream`;
    /// ``finishCompression()`` ends the gzip stream.
    init(compressingInto downstream: ResponseBodyWriter, encoder: GzipStreamEncoder) {
        loop = downstream.loop
        fd = downstream.fd
        id = downstream.id
        gzip = (encoder, downstream)
    }

    /// Writes the end of the gzip stream (nothing for a writer that does not compress).
    func finishCompression() async throws {
        guard let gzip else { return }
        try await gzip.downstream.write(try gzip.encoder.finish())
    }

    /// Sends `bytes` as the next part of the body, waiting while the client is behind.
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        bytesWritten.add(bytes.count, ordering: .relaxed)
        if let gzip {
            try await gzip.downstream.write(try gzip.encoder.encode(bytes))
            return
        }
        let (loop, fd, id) = (self.loop, self.fd, self.id)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            loop.execute { loop in
                guard let connection = loop.handler(fd, id: id) as? HTTPConnection else {
                    continuation.resume(throwing: IOError(code: ECONNRESET, call: "write"))
                    return
                }
                connection.writeStreamChunk(bytes, continuation: continuation)
            }
        }
    }

    /// Sends the UTF-8 bytes of `text`.
    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }
}
