/// Bytes waiting to be written to one socket, as a queue of chunks.
///
/// Small writes are coalesced into the last chunk so pipelined responses leave in one
/// syscall; large bodies stay their own chunk and are never copied. Up to two chunks go out
/// per `sendmsg` (typically a response head and its body).
struct OutboundBuffer {
    private var chunks: [[UInt8]] = []
    /// The storage of a small chunk already sent, emptied, for ``append(writing:)`` to reuse: a
    /// connection answering request after request then allocates no new chunk for its heads.
    private var spare: [UInt8] = []
    /// The index in `chunks` of the chunk ``append(writing:)`` made, the only one whose storage
    /// is this buffer's own (others may share theirs, a broadcast frame with every socket); -1
    /// when none is pending.
    private var ownChunk = -1
    private var first = 0
    private var offset = 0
    /// Bytes not yet written.
    private(set) var count = 0

    /// Chunks at most this large are merged into the previous chunk.
    private static let coalesceLimit = 16 * 1024
    /// The largest storage kept for reuse once sent (a response head with a small body).
    private static let spareLimit = 64 * 1024

    /// Whether everything has been written.
    var isEmpty: Bool { count == 0 }

    /// Queues `bytes` behind what is already pending.
    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if chunks.count > first, bytes.count <= OutboundBuffer.coalesceLimit,
           chunks[chunks.count - 1].count + bytes.count <= 4 * OutboundBuffer.coalesceLimit {
            chunks[chunks.count - 1].append(contentsOf: bytes)
        } else {
            chunks.append(bytes)
        }
    }

    /// Queues the bytes `write` appends to the array it is given: the last pending chunk when
    /// that is small, else a new chunk in reused storage.
    mutating func append(writing write: (inout [UInt8]) -> Void) {
        if chunks.count > first, chunks[chunks.count - 1].count <= 2 * OutboundBuffer.coalesceLimit {
            let before = chunks[chunks.count - 1].count
            write(&chunks[chunks.count - 1])
            count += chunks[chunks.count - 1].count - before
            return
        }
        var chunk: [UInt8] = []
        swap(&chunk, &spare)
        write(&chunk)
        guard !chunk.isEmpty else { return }
        count += chunk.count
        chunks.append(chunk)
        ownChunk = chunks.count - 1
    }

    /// Gives up the storage kept for reuse (the connection goes quiet, e.g. becomes a WebSocket).
    mutating func releaseSpare() {
        spare = []
    }

    /// Bytes one ``write(to:budget:)`` call sends at most by default before it returns with
    /// data still pending: about a tenth of a millisecond of copying, so one fast reader of a
    /// large body cannot hold its event loop while other connections wait.
    static let writeBudget = 512 * 1024

    /// Writes what the socket takes, stopping once `budget` bytes went out; the caller keeps
    /// `EPOLLOUT` interest while bytes are pending, so the rest follows after the loop has
    /// served the other ready connections. Returns whether any byte was written.
    mutating func write(to fd: Int32, budget: Int = OutboundBuffer.writeBudget) throws(IOError) -> Bool {
        var progressed = false
        var written = 0
        while count > 0 && written < budget {
            let attempt: Result<IOResult<Int>, IOError>
            if chunks.count - first >= 2 {
                attempt = chunks[first].withUnsafeBytes { head in
                    chunks[first + 1].withUnsafeBytes { next in
                        Result { () throws(IOError) in
                            try SocketOperations.write(fd, UnsafeRawBufferPointer(rebasing: head[offset...]), next)
                        }
                    }
                }
            } else {
                attempt = chunks[first].withUnsafeBytes { head in
                    Result { () throws(IOError) in
                        try SocketOperations.write(fd, UnsafeRawBufferPointer(rebasing: head[offset...]), nil)
                    }
                }
            }
            let result = try attempt.get()
            guard case .processed(let sent) = result else { break }
            progressed = true
            written += sent
            consume(sent)
        }
        return progressed
    }

    private mutating func consume(_ written: Int) {
        count -= written
        var remaining = written
        while remaining > 0 {
            let available = chunks[first].count - offset
            if remaining < available {
                offset += remaining
                return
            }
            remaining -= available
            if first == ownChunk {
                ownChunk = -1
                if spare.capacity == 0 && chunks[first].capacity <= OutboundBuffer.spareLimit {
                    swap(&spare, &chunks[first])
                    spare.removeAll(keepingCapacity: true)
                }
            }
            first += 1
            offset = 0
        }
        if first == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            first = 0
        } else if first > 32 {
            chunks.removeFirst(first)
            if ownChunk >= 0 { ownChunk -= first }
            first = 0
        }
    }

    /// Drops everything pending (the connection is being cut).
    mutating func removeAll() {
        chunks.removeAll()
        spare = []
        ownChunk = -1
        first = 0
        offset = 0
        count = 0
    }
}
