import CLinux
import Glibc
import Synchronization

/// The listening socket all loops share; the last loop to let go closes it.
final class ListeningSocket: Sendable {
    let fd: Int32
    private let users: Atomic<Int>

    init(fd: Int32, users: Int) {
        self.fd = fd
        self.users = Atomic(users)
    }

    /// One loop stopped listening.
    func release() {
        if users.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { Syscall.close(fd) }
    }
}

/// A connection a ``ServerLoop`` can ask to wind down.
protocol ServerConnection: AnyObject {
    /// Finish what is in flight, then close (WebSockets send close 1001).
    func shutdownGracefully()
    /// Close immediately.
    func close()
}

/// The server's part of one event loop: its listening socket, its connections and its
/// shutdown.
///
/// `@unchecked Sendable`: it is created by ``HTTPServer/start()`` and from then on touched only
/// on its loop's thread (other threads reach it through ``EventLoop/execute(_:)``).
final class ServerLoop: EventHandler, @unchecked Sendable {
    let loop: EventLoop
    let server: ServerContext
    private var listener: ListeningSocket?
    private var connections: [Int32: ServerConnection] = [:]
    /// The `Date` header line cache of this loop.
    var dateCache = HTTPDateCache()
    /// Set once shutdown began: no new connections, no new keep-alive.
    private(set) var draining = false
    private let onStop: @Sendable () -> Void

    private static let overloaded: [UInt8] = {
        let body = #"{"error":"SERVICE_UNAVAILABLE","message":"too many connections"}"#
        return Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body).utf8)
    }()

    init(loop: EventLoop, server: ServerContext, listener: ListeningSocket, onStop: @escaping @Sendable () -> Void) {
        self.loop = loop
        self.server = server
        self.listener = listener
        self.onStop = onStop
    }

    /// Starts listening on the loop thread.
    func start() throws(IOError) {
        guard let listener else { return }
        try loop.register(listener.fd, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, handler: self)
    }

    /// The listening socket is readable: accept everything pending.
    func handleEvents(_ events: UInt32) {
        guard let listener else { return }
        for _ in 0..<256 {
            let accepted: (Int32, String)
            do {
                guard case .processed(let pair) = try SocketOperations.accept(listener.fd) else { return }
                accepted = pair
            } catch {
                // EMFILE, ENFILE, ENOBUFS…: the pending connection stays queued; report and
                // try again on the next readiness event.
                server.logger.warning("accept failed: \(error)")
                return
            }
            let (fd, remote) = accepted
            if server.connectionCount.add(1, ordering: .relaxed).newValue > server.configuration.maxConnections {
                server.connectionCount.subtract(1, ordering: .relaxed)
                refuseOverloaded(fd)
                continue
            }
            try? SocketOperations.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            let connection = HTTPConnection(fd: fd, remoteAddress: remote, loop: loop, owner: self, server: server)
            do {
                try connection.start()
                connections[fd] = connection
            } catch {
                server.connectionCount.subtract(1, ordering: .relaxed)
                Syscall.close(fd)
            }
        }
    }

    /// A clean refusal: a complete 503 response, then close.
    private func refuseOverloaded(_ fd: Int32) {
        ServerLoop.overloaded.withUnsafeBytes { bytes in
            _ = try? SocketOperations.write(fd, bytes, nil)
        }
        shutdown(fd, Int32(SHUT_WR))
        Syscall.close(fd)
    }

    /// A connection moved to another handler object (HTTP → WebSocket).
    func replace(_ fd: Int32, with connection: ServerConnection) {
        connections[fd] = connection
    }

    /// Called by a connection as it closes.
    func connectionClosed(_ fd: Int32) {
        connections[fd] = nil
        server.connectionCount.subtract(1, ordering: .relaxed)
        if draining && connections.isEmpty { stop() }
    }

    /// Stops accepting, winds down every connection, and force-closes what is left after
    /// the grace period.
    func beginShutdown() {
        guard !draining else { return }
        draining = true
        if let listener {
            loop.deregister(listener.fd)
            listener.release()
            self.listener = nil
        }
        for connection in Array(connections.values) { connection.shutdownGracefully() }
        if connections.isEmpty {
            stop()
            return
        }
        loop.schedule(at: loop.now + server.configuration.shutdownGracePeriod.nanoseconds) { [weak self] in
            guard let self else { return }
            for connection in Array(self.connections.values) { connection.close() }
            self.stop()
        }
    }

    private var stopped = false

    private func stop() {
        guard !stopped else { return }
        stopped = true
        loop.stop()
        onStop()
    }
}
