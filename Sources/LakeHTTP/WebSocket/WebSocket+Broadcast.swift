extension WebSocket {
    /// Sends one message to many sockets and returns how many took it.
    ///
    /// Server frames are unmasked, so a frame is encoded once and the same bytes are queued on
    /// every socket that shares its encoding: all sockets without compression, and all sockets
    /// whose permessage-deflate resets after every message (`server_no_context_takeover`) with
    /// the same window. Only sockets whose compressor keeps its context get a frame of their
    /// own, since their output depends on what they sent before.
    ///
    /// Sockets go to their event loops in batches of ``broadcastBatchSize``, so the loops start
    /// writing while later sockets are still being sorted out; a loop writes a whole batch in
    /// one job, one `send` per socket, with no task or continuation per socket.
    ///
    /// ```swift
    /// WebSocket.broadcast(.text(#"{"symbol":"NSE:CIPLA","close":1523.45}"#), to: subscribers)
    /// ```
    @discardableResult
    public static func broadcast(_ message: WebSocketMessage, to sockets: [WebSocket]) -> Int {
        let plain = WebSocketFrame(opcode: message.opcode, payload: message.bytes).encoded()
        // Frames of compressors without context takeover, by window size.
        var statelessFrames: [Int: [UInt8]] = [:]
        var batches: [BroadcastBatch] = []
        var accepted = 0
        for socket in sockets where !socket.isClosed {
            var frame: [UInt8]?
            if let compression = socket.compression {
                if compression.serverNoContextTakeover, let shared = statelessFrames[compression.serverMaxWindowBits] {
                    frame = shared
                } else {
                    let own = socket.deflater.withLock { socket.encode(message, deflater: $0) }
                    if compression.serverNoContextTakeover { statelessFrames[compression.serverMaxWindowBits] = own }
                    frame = own
                }
            }
            guard socket.reserve(frame?.count ?? plain.count) else { continue }
            accepted += 1
            let index: Int
            if let found = batches.firstIndex(where: { $0.loop === socket.loop }) {
                index = found
            } else {
                batches.append(BroadcastBatch(loop: socket.loop))
                index = batches.count - 1
            }
            batches[index].add(socket, frame: frame)
            if batches[index].count == broadcastBatchSize {
                batches[index].post(plainFrame: plain)
                batches[index] = BroadcastBatch(loop: socket.loop)
            }
        }
        for batch in batches where batch.count > 0 { batch.post(plainFrame: plain) }
        return accepted
    }

    /// Sockets per event-loop job of a broadcast: large enough that posting costs nothing
    /// next to the writes, small enough that the first loops start at once.
    static let broadcastBatchSize = 256

    /// Sockets of one event loop that a broadcast reaches.
    private struct BroadcastBatch: Sendable {
        let loop: EventLoop
        /// Sockets that get the uncompressed frame.
        private var plain: [WebSocket] = []
        /// Sockets with a compressed frame (shared storage when several use the same one).
        private var compressed: [(WebSocket, [UInt8])] = []

        init(loop: EventLoop) {
            self.loop = loop
            plain.reserveCapacity(WebSocket.broadcastBatchSize)
        }

        var count: Int { plain.count + compressed.count }

        /// Adds `socket` with its compressed `frame`, or for the plain frame when nil.
        mutating func add(_ socket: WebSocket, frame: [UInt8]?) {
            if let frame { compressed.append((socket, frame)) } else { plain.append(socket) }
        }

        /// Queues the frames on the loop in one job.
        func post(plainFrame: [UInt8]) {
            let (plain, compressed) = (self.plain, self.compressed)
            loop.execute { loop in
                for socket in plain { (loop.handler(socket.fd, id: socket.id) as? WebSocketConnection)?.enqueue(plainFrame) }
                for (socket, frame) in compressed { (loop.handler(socket.fd, id: socket.id) as? WebSocketConnection)?.enqueue(frame) }
            }
        }
    }
}
