import CLinux
import Glibc

/// The loop side of a WebSocket: reads and parses frames, answers pings, runs the close
/// handshake, writes queued frames and watches the idle timeout. Loop thread only.
final class WebSocketConnection: EventHandler, ServerConnection {
    let fd: Int32
    let id: UInt32
    // Strong: `unowned` would check the object is alive on every use. Both outlive the
    // connection's registration, and closing it breaks the cycle through the loop.
    let loop: EventLoop
    let owner: ServerLoop
    let socket: WebSocket
    private let inbound: WebSocketInbound.Buffer
    private let configuration: WebSocketConfiguration
    private var parser: WebSocketFrameParser
    private var assembler: WebSocketMessageAssembler
    private var outbound = OutboundBuffer()
    private var interest: UInt32 = 0
    private var readingPaused = false
    private var closeSent = false
    private var closeWhenFlushed = false
    private var closed = false
    private var lastFrameAt: UInt64
    private var closeSentAt: UInt64 = 0
    private var pingOutstanding = false
    private var timerScheduledAt: UInt64 = 0

    /// Replaces `http` (whose 101 response was just queued) on its descriptor and starts the
    /// handler task.
    static func takeOver(from http: HTTPConnection, upgrade: WebSocketUpgrade, leftover: [UInt8]) {
        let connection = WebSocketConnection(from: http, upgrade: upgrade)
        http.handOver()
        http.loop.replaceHandler(http.fd, id: http.id, with: connection)
        http.owner.replace(http.fd, with: connection)
        connection.outbound = http.takeOutbound()
        connection.updateInterest()
        if !leftover.isEmpty { leftover.withUnsafeBytes { connection.receive($0) } }
        connection.updateTimer()
        let socket = connection.socket
        let logger = upgrade.context.logger
        Task {
            do {
                try await upgrade.handler(socket, upgrade.request, upgrade.context)
            } catch {
                logger.warning("websocket handler failed: \(error)")
            }
            socket.close(code: 1000)
        }
    }

    private init(from http: HTTPConnection, upgrade: WebSocketUpgrade) {
        fd = http.fd
        id = http.id
        loop = http.loop
        owner = http.owner
        configuration = http.server.configuration.webSocket
        lastFrameAt = http.loop.now
        let inflater = upgrade.compression.flatMap { _ in DeflateStream(compressing: false) }
        parser = WebSocketFrameParser(maxFrameSize: configuration.maxFrameSize, allowsCompression: inflater != nil)
        assembler = WebSocketMessageAssembler(maxMessageSize: configuration.maxMessageSize, inflater: inflater,
                                              resetInflaterAfterMessage: upgrade.compression?.clientNoContextTakeover ?? false)
        let (loop, fd, id) = (http.loop, http.fd, http.id)
        inbound = WebSocketInbound.Buffer(limit: configuration.maxInboundMessages) {
            loop.execute { loop in (loop.handler(fd, id: id) as? WebSocketConnection)?.resumeReading() }
        }
        socket = WebSocket(loop: loop, fd: fd, id: id, configuration: configuration,
                           compression: upgrade.compression, inbound: inbound)
    }

    func handleEvents(_ events: UInt32) {
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { readAvailable() }
        if !closed && events & EPOLLOUT.rawValue != 0 { flush() }
        if !closed { updateTimer() }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        while !closed && !readingPaused {
            let count: Int
            do {
                guard case .processed(let read) = try SocketOperations.read(fd, into: buffer) else { return }
                count = read
            } catch {
                close()
                return
            }
            guard count > 0 else {
                close()
                return
            }
            lastFrameAt = loop.now
            pingOutstanding = false
            receive(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if count < buffer.count { return }
        }
    }

    /// Parses frames out of `input` and acts on them.
    private func receive(_ input: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < input.count && !closed && !closeWhenFlushed {
            do {
                let (consumed, frame) = try parser.parse(UnsafeRawBufferPointer(rebasing: input[offset...]))
                offset += consumed
                guard let frame else { return }
                switch try assembler.receive(frame) {
                case .message(let message):
                    if closeSent { continue }
                    if inbound.push(message) {
                        readingPaused = true
                        updateInterest()
                    }
                case .control(let control):
                    try handleControl(control)
                case nil:
                    continue
                }
            } catch {
                fail(error)
                return
            }
        }
    }

    private func handleControl(_ frame: WebSocketFrame) throws(WebSocketProtocolError) {
        switch frame.opcode {
        case .ping:
            if !closeSent { queueControl(.pong, frame.payload) }
        case .pong:
            break
        case .close:
            let code = try WebSocketCloseCode.parse(frame.payload)
            if closeSent {
                close()
            } else {
                sendClose(code: code ?? 1000, reason: "")
                closeWhenFlushed = true
                flush()
            }
        default:
            preconditionFailure("not a control opcode")
        }
    }

    /// A protocol violation: send the close code, then drop the connection.
    private func fail(_ error: WebSocketProtocolError) {
        if !closeSent { sendClose(code: error.closeCode, reason: "") }
        closeWhenFlushed = true
        flush()
    }

    /// Starts the close handshake from our side (once; later calls are ignored).
    func startClose(code: UInt16, reason: String) {
        guard !closed, !closeSent else { return }
        sendClose(code: code, reason: reason)
        flush()
        updateTimer()
    }

    private func sendClose(code: UInt16, reason: String) {
        closeSent = true
        closeSentAt = loop.now
        socket.closing.store(true, ordering: .releasing)
        inbound.finish()
        var payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
        payload.append(contentsOf: reason.utf8.prefix(123))
        queueControl(.close, payload)
    }

    private func queueControl(_ opcode: WebSocketOpcode, _ payload: [UInt8]) {
        let frame = WebSocketFrame(opcode: opcode, payload: payload).encoded()
        socket.queuedBytes.add(frame.count, ordering: .relaxed)
        outbound.append(frame)
        flush()
    }

    /// Appends a frame `WebSocket` already counted in its queue.
    func enqueue(_ frame: [UInt8]) {
        guard !closed else { return }
        if closeSent {
            socket.queuedBytes.subtract(frame.count, ordering: .relaxed)
            return
        }
        outbound.append(frame)
        if outbound.count == frame.count { flush() }
        else { updateInterest() }
    }

    private func flush() {
        guard !closed else { return }
        let before = outbound.count
        do {
            _ = try outbound.write(to: fd)
        } catch {
            close()
            return
        }
        socket.queuedBytes.subtract(before - outbound.count, ordering: .relaxed)
        if outbound.isEmpty && closeWhenFlushed {
            close()
            return
        }
        updateInterest()
    }

    func resumeReading() {
        guard !closed, readingPaused else { return }
        readingPaused = false
        updateInterest()
    }

    private func updateInterest() {
        guard !closed else { return }
        var wanted: UInt32 = readingPaused ? 0 : EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        if !outbound.isEmpty { wanted |= EPOLLOUT.rawValue }
        if wanted != interest {
            interest = wanted
            loop.modify(fd, id: id, events: wanted)
        }
    }

    private func currentDeadline() -> UInt64 {
        if closeSent { return closeSentAt + configuration.closeTimeout.nanoseconds }
        return lastFrameAt + configuration.idleTimeout.nanoseconds
    }

    private func updateTimer() {
        guard !closed else { return }
        let deadline = currentDeadline()
        guard timerScheduledAt == 0 || timerScheduledAt > deadline else { return }
        timerScheduledAt = deadline
        loop.schedule(at: deadline, fd: fd, id: id)
    }

    func timerFired(deadline: UInt64) {
        // An entry this connection no longer waits for (its deadline moved earlier, or the
        // entry belonged to the HTTP connection this WebSocket took over).
        guard deadline == timerScheduledAt else { return }
        timerScheduledAt = 0
        guard !closed else { return }
        if currentDeadline() > loop.now {
            updateTimer()
            return
        }
        if closeSent {
            close()
        } else if !pingOutstanding {
            // First idle period: probe the client; a live one answers with a pong.
            pingOutstanding = true
            lastFrameAt = loop.now
            queueControl(.ping, [])
            updateTimer()
        } else {
            startClose(code: 1001, reason: "idle timeout")
        }
    }

    func shutdownGracefully() {
        startClose(code: 1001, reason: "server shutting down")
    }

    func close() {
        guard !closed else { return }
        closed = true
        socket.closing.store(true, ordering: .releasing)
        inbound.finish()
        loop.close(fd)
        owner.connectionClosed(fd)
    }
}
