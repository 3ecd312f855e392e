import Glibc
import Synchronization

/// The server side of one WebSocket connection, handed to a ``Router/webSocket(_:compression:handler:)``
/// handler.
///
/// ```swift
/// router.webSocket("/ws/echo") { socket, request, context in
///     for await message in socket.messages { try socket.send(message) }
/// }
/// ```
///
/// `send` never waits: frames go to a bounded outbound queue
/// (``WebSocketConfiguration/maxOutboundBytes``); when it is full the configured
/// ``WebSocketConfiguration/SlowConsumerPolicy`` drops the message or closes the connection.
public final class WebSocket: Sendable {
    /// Inbound data messages; the sequence ends when the connection closes.
    public let messages: WebSocketInbound
    /// Negotiated permessage-deflate parameters, if any.
    public let compression: PerMessageDeflateParameters?

    let loop: EventLoop
    let fd: Int32
    let id: UInt32
    let configuration: WebSocketConfiguration
    /// Bytes handed to `send` (or queued by the loop) and not yet written to the socket.
    let queuedBytes = Atomic<Int>(0)
    /// Set once a close frame was queued or the socket is gone.
    let closing = Atomic<Bool>(false)
    /// The compressor; its lock also orders sends, since compressed frames depend on the
    /// messages before them.
    let deflater: Mutex<DeflateStream?>

    init(loop: EventLoop, fd: Int32, id: UInt32, configuration: WebSocketConfiguration,
         compression: PerMessageDeflateParameters?, inbound: WebSocketInbound.Buffer) {
        self.loop = loop
        self.fd = fd
        self.id = id
        self.configuration = configuration
        self.compression = compression
        messages = WebSocketInbound(buffer: inbound)
        deflater = Mutex(compression.flatMap { DeflateStream(compressing: true, windowBits: $0.serverMaxWindowBits) })
    }

    /// Whether the connection is closing or closed.
    public var isClosed: Bool { closing.load(ordering: .acquiring) }

    /// Queues a message. Throws ``WebSocketSendError/closed`` once the connection is
    /// closing, ``WebSocketSendError/messageDropped`` when the queue is full under the
    /// drop policy (under the close policy the connection is closed with 1008 instead).
    public func send(_ message: WebSocketMessage) throws(WebSocketSendError) {
        guard !isClosed else { throw .closed }
        let result: Result<Void, WebSocketSendError> = deflater.withLock { deflater in
            let frame = encode(message, deflater: deflater)
            return Result { () throws(WebSocketSendError) in try enqueue(frame) }
        }
        try result.get()
    }

    /// Queues a text message.
    public func send(text: String) throws(WebSocketSendError) { try send(.text(text)) }

    /// Queues a binary message.
    public func send(binary: [UInt8]) throws(WebSocketSendError) { try send(.binary(binary)) }

    /// Starts the close handshake with `code` (1000 normal closure by default).
    public func close(code: UInt16 = 1000, reason: String = "") {
        let (loop, fd, id) = (self.loop, self.fd, self.id)
        loop.execute { loop in
            (loop.handler(fd, id: id) as? WebSocketConnection)?.startClose(code: code, reason: reason)
        }
    }

    /// The frame bytes for `message`, compressed when negotiated and worth it.
    func encode(_ message: WebSocketMessage, deflater: DeflateStream?) -> [UInt8] {
        let payload = message.bytes
        if let deflater, payload.count >= configuration.compressionMinimumSize, let compressed = deflater.compress(payload) {
            if compression?.serverNoContextTakeover == true { deflater.reset() }
            return WebSocketFrame(rsv1: true, opcode: message.opcode, payload: compressed).encoded()
        }
        return WebSocketFrame(opcode: message.opcode, payload: payload).encoded()
    }

    private func enqueue(_ frame: [UInt8]) throws(WebSocketSendError) {
        guard reserve(frame.count) else { throw isClosed ? .closed : .messageDropped }
        let (fd, id) = (self.fd, self.id)
        loop.execute { loop in
            (loop.handler(fd, id: id) as? WebSocketConnection)?.enqueue(frame)
        }
    }

    /// Counts `size` bytes against the outbound limit; applies the slow-consumer policy
    /// when the queue is already over it. A message is judged by what is queued before it,
    /// so one message larger than the limit still goes out to a client that keeps up.
    func reserve(_ size: Int) -> Bool {
        if queuedBytes.add(size, ordering: .relaxed).newValue - size <= configuration.maxOutboundBytes { return true }
        queuedBytes.subtract(size, ordering: .relaxed)
        // Under the close policy the socket is marked closing at once, so no later send
        // slips in ahead of the close frame.
        if configuration.slowConsumerPolicy == .close && !closing.exchange(true, ordering: .acquiringAndReleasing) {
            let (fd, id) = (self.fd, self.id)
            loop.execute { loop in
                (loop.handler(fd, id: id) as? WebSocketConnection)?.startClose(code: 1008, reason: "client too slow")
            }
        }
        return false
    }
}
