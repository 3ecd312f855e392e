import Dispatch
import Foundation
import Synchronization

/// An HTTP/1.1 and WebSocket server: one epoll loop thread per worker, all watching one
/// listening socket (`EPOLLEXCLUSIVE`); handlers run as async tasks on the concurrency pool, or
/// on the loop itself for routes that ask (``HandlerPlacement``).
///
/// ```swift
/// let router = Router()
/// router.get("/health") { request, context in .json(#"{"status":"healthy"}"#) }
/// let server = HTTPServer(configuration: HTTPServerConfiguration(port: 8200), responder: router)
/// try await server.run()   // until SIGTERM/SIGINT or shutdown()
/// ```
public final class HTTPServer: Sendable {
    private struct State {
        var port: Int?
        var loops: [(EventLoop, ServerLoop)] = []
        var running = 0
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var signalSources: [any DispatchSourceSignal] = []
    }

    private let context: ServerContext
    private let state = Mutex(State())
    private let group = Mutex<ServerLoopGroup?>(nil)

    /// A server that answers every request with `responder`.
    public init(configuration: HTTPServerConfiguration, responder: some HTTPResponder,
                logger: Logger = Logger(label: "http")) {
        context = ServerContext(configuration: configuration, responder: responder, logger: logger)
    }

    /// The configuration the server runs with.
    public var configuration: HTTPServerConfiguration { context.configuration }

    /// The bound port once ``start()`` returned (the real one when configured with port 0).
    public var port: Int? { state.withLock { $0.port } }

    /// Binds, starts the loop threads and returns the bound port. Use ``run()`` to also wait.
    @discardableResult
    public func start() throws -> Int {
        let configuration = context.configuration
        if let thresholds = configuration.mallocThresholds, thresholds.apply(environment: ProcessInfo.processInfo.environment) {
            context.logger.debug("malloc thresholds set", [("mmap_threshold", String(thresholds.mmapThreshold)),
                                                           ("trim_threshold", String(thresholds.trimThreshold))])
        }
        let (socket, port) = try SocketOperations.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let listener = ListeningSocket(fd: socket, users: configuration.workers)
        var loops: [(EventLoop, ServerLoop)] = []
        for index in 0..<configuration.workers {
            let loop = try EventLoop(index: index)
            loops.append((loop, ServerLoop(loop: loop, server: context, listener: listener) { [weak self] in self?.loopStopped() }))
        }
        let loopGroup = ServerLoopGroup(loops.map(\.1))
        for (_, serverLoop) in loops { serverLoop.group = loopGroup }
        group.withLock { $0 = loopGroup }
        state.withLock {
            precondition($0.port == nil, "HTTPServer.start() called twice")
            $0.port = port
            $0.loops = loops
            $0.running = loops.count
        }
        for (loop, serverLoop) in loops {
            let thread = Thread {
                do {
                    try serverLoop.start()
                } catch {
                    serverLoop.server.logger.error("cannot start listening: \(error)")
                }
                loop.run()
            }
            thread.name = "lakehttp-loop-\(loop.index)"
            thread.start()
        }
        context.logger.info("listening", [("host", configuration.host), ("port", String(port)), ("workers", String(loops.count))])
        return port
    }

    /// Starts (unless already started) and waits until the server stopped. With
    /// ``HTTPServerConfiguration/handlesSignals`` SIGTERM and SIGINT start a graceful shutdown.
    public func run() async throws {
        if port == nil { try start() }
        if context.configuration.handlesSignals { installSignalHandlers() }
        await waitUntilStopped()
    }

    /// Stops accepting, lets in-flight requests finish (up to the grace period), closes
    /// WebSockets with 1001, then stops the loops. Returns at once; see ``waitUntilStopped()``.
    public func shutdown() {
        let loops = state.withLock { $0.loops }
        for (loop, serverLoop) in loops {
            loop.execute { _ in serverLoop.beginShutdown() }
        }
    }

    /// Returns once every loop has stopped (immediately if never started).
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.stopped || state.port == nil { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func loopStopped() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            state.stopped = true
            state.signalSources.forEach { $0.cancel() }
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private func installSignalHandlers() {
        state.withLock { state in
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.context.logger.info("shutting down", [("signal", String(number))])
                    self?.shutdown()
                }
                source.resume()
                state.signalSources.append(source)
            }
        }
    }
}
