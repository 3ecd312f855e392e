import CLinux
import Glibc

/// One HTTP/1.1 connection, owned by its event loop and touched only on that loop's thread.
///
/// Bytes are parsed as they arrive; each complete request is handed to the responder where
/// its route says (``HandlerPlacement``: a task on the concurrency pool, a task starting on
/// the loop, or a plain call on the loop), and the response comes back through the loop's job queue.
/// Pipelined requests run concurrently (up to ``HTTPServerConfiguration/maxPipelinedRequests``)
/// but their responses are written strictly in request order.
final class HTTPConnection: EventHandler, AfterEventWork, ServerConnection {
    /// What the writer needs to know about a request whose response is not written yet.
    struct PendingRequest {
        var keepAlive: Bool
        var isHead: Bool
        var http10: Bool
        var upgrade: Bool
    }

    let fd: Int32
    var id: UInt32 = 0
    // Strong: `unowned` would check the object is alive on every use. Both outlive the
    // connection's registration, and closing it breaks the cycle through the loop.
    let loop: EventLoop
    let owner: ServerLoop
    let server: ServerContext
    let remoteAddress: String

    var parser: HTTPRequestParser
    var requestHead: HTTPRequestHead?
    var requestBody: [UInt8] = []
    /// The streamed body being received, when the current request's route streams it.
    var receiving: ReceivingBody?
    /// Reading is paused because a streaming handler's body buffer is full.
    var bodyPaused = false
    /// The request whose `100 Continue` waits for the responses before it.
    var deferredContinue: Int?
    /// Requests dispatched and not yet answered, oldest first.
    var pending: [PendingRequest] = []
    var nextSequence = 0
    var nextToWrite = 0
    var completed: [Int: HTTPResponse] = [:]
    /// Responses were queued during the current event and are sent after it (``runAfterEvent()``).
    var sendScheduled = false
    /// Inside ``handleEvents(_:)``, which sends what it queued when it ends.
    var handlingEvents = false
    /// Input held back while parsing is paused (pipelining limit or a pending upgrade).
    var stash: [UInt8] = []
    /// No more requests are read: the last one asked to close, failed, or the server drains.
    var acceptsRequests = true
    var upgradePending = false
    var streaming = false
    var streamRemaining: Int?
    var streamChunked = false
    var drainWaiter: CheckedContinuation<Void, any Error>?
    var outbound = OutboundBuffer()
    var closeWhenFlushed = false
    var lingering = false
    var peerClosed = false
    var closed = false
    var interest: UInt32 = 0
    var servedRequests = 0
    var requestStartedAt: UInt64
    var lastReadAt: UInt64
    var lastWriteProgressAt: UInt64
    var idleSince: UInt64
    var timerScheduledAt: UInt64 = 0

    init(fd: Int32, remoteAddress: String, loop: EventLoop, owner: ServerLoop, server: ServerContext) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.owner = owner
        self.server = server
        parser = HTTPRequestParser(limits: server.configuration.limits)
        let now = loop.now
        requestStartedAt = now
        lastReadAt = now
        lastWriteProgressAt = now
        idleSince = now
    }

    /// Registers with the loop and arms the first-request timeout.
    func start() throws(IOError) {
        interest = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        id = try loop.register(fd, events: interest, handler: self)
        updateTimer()
    }

    func handleEvents(_ events: UInt32) {
        handlingEvents = true
        handle(events)
        handlingEvents = false
        if sendScheduled { runAfterEvent() }
        if !closed { updateTimer() }
    }

    private func handle(_ events: UInt32) {
        if bodyPaused && events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            // Not reading, so the error would be reported again and again: the client is gone.
            close()
            return
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            readAvailable()
        }
        if !closed && events & EPOLLOUT.rawValue != 0 {
            flush()
            // Reading may have paused because the client did not read its answers.
            resumeParsing()
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        while !closed && interest & EPOLLIN.rawValue != 0 {
            let count: Int
            do {
                guard case .processed(let read) = try SocketOperations.read(fd, into: buffer) else { return }
                count = read
            } catch {
                close()
                return
            }
            if count == 0 {
                peerEnded()
                return
            }
            lastReadAt = loop.now
            if lingering { continue }
            if parser.isIdle && stash.isEmpty { requestStartedAt = loop.now }
            if !acceptsRequests { continue }
            if !stash.isEmpty {
                stash.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                resumeParsing()
            } else {
                feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
            if count < buffer.count { return }
        }
    }

    /// The client closed its side: finish what is in flight, then close.
    private func peerEnded() {
        peerClosed = true
        if lingering || (nextSequence == nextToWrite && !streaming && outbound.isEmpty) || !parser.isIdle {
            close()
            return
        }
        acceptsRequests = false
        closeWhenFlushed = true
        updateInterest()
    }

    /// Parses `input`, dispatching complete requests, until it is consumed or parsing pauses.
    func feed(_ input: UnsafeRawBufferPointer) {
        var offset = 0
        while acceptsRequests {
            if bodyPaused {
                if offset < input.count { stash.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset...])) }
                return
            }
            if parser.isIdle && (upgradePending || nextSequence - nextToWrite >= server.configuration.maxPipelinedRequests
                                 || outbound.count > server.configuration.writeHighWaterMark) {
                // Also when the client does not read its answers: pipelined requests must not
                // pile responses up in memory.
                if offset < input.count { stash.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset...])) }
                updateInterest()
                return
            }
            var step: HTTPParserStep
            do {
                step = try parser.parse(UnsafeRawBufferPointer(rebasing: input[offset...]))
            } catch {
                if receiving != nil { failReceivingBody(error) } else { refuse(error) }
                return
            }
            let base = offset
            offset += step.consumed
            // Taken, not copied: a head event holds the whole request head.
            guard let event = step.event.take() else { return }
            switch consume event {
            case .head(let head):
                guard admitBody(of: head) else { return }
            case .body(let range):
                receiveBody(UnsafeRawBufferPointer(rebasing: input[(base + range.lowerBound)..<(base + range.upperBound)]))
            case .end(let trailers):
                if receiving != nil { finishReceivedBody(trailers: trailers) } else { dispatch(trailers: trailers) }
            }
        }
    }

    /// Feeds stashed input once the reason for pausing is gone.
    func resumeParsing() {
        guard !stash.isEmpty, acceptsRequests, !upgradePending, !bodyPaused,
              nextSequence - nextToWrite < server.configuration.maxPipelinedRequests,
              outbound.count <= server.configuration.writeLowWaterMark else { return }
        let input = stash
        stash = []
        input.withUnsafeBytes { feed($0) }
        updateInterest()
    }

    private func dispatch(trailers: HTTPHeaders) {
        guard let head = requestHead.take() else { preconditionFailure("request end without a head") }
        var body: [UInt8] = []
        swap(&body, &requestBody)
        dispatch(HTTPRequest(head: head, body: body, trailers: trailers))
    }

    /// Hands `request` to the responder; a streaming request is dispatched as soon as its
    /// head arrived, and reading goes on for its body.
    func dispatch(_ request: HTTPRequest) {
        let head = request.head
        let sequence = nextSequence
        nextSequence += 1
        pending.append(PendingRequest(keepAlive: head.keepAlive && !owner.draining, isHead: head.method == .head,
                                      http10: head.version == .http1_0, upgrade: head.requestsUpgrade))
        if !head.keepAlive && request.streamedBody == nil { acceptsRequests = false }
        if head.requestsUpgrade { upgradePending = true }
        let (loop, fd, id, server, remoteAddress, started) = (self.loop, self.fd, self.id, self.server, self.remoteAddress, loop.now)
        let placement = server.responder.placement(of: request)
        if case .immediate(let handler) = placement {
            switch server.respond(to: request, remoteAddress: remoteAddress, started: started, immediately: handler) {
            case .ready(var response) where request.streamedBody == nil:
                // Queued in its turn now and sent when this event is handled (no lock, wake-up or
                // closure), so that the answers to requests pipelined in one read leave in one write.
                complete(sequence, &response, sendingNow: false)
                if !sendScheduled {
                    sendScheduled = true
                    if !handlingEvents { loop.runAfterEvent(self) }
                }
            case .ready(let response):
                // Completing it may resume reading its body: not from inside the parser.
                HTTPConnection.deliver(response, sequence: sequence, loop: loop, fd: fd, id: id)
            case .compress(let finish):
                Task { HTTPConnection.deliver(finish(), sequence: sequence, loop: loop, fd: fd, id: id) }
            }
            return
        }
        let onLoop: Bool
        if case .eventLoop = placement { onLoop = true } else { onLoop = false }
        let work: @Sendable () async -> Void = {
            let response = await server.respond(to: request, remoteAddress: remoteAddress, started: started, startedOnEventLoop: onLoop)
            HTTPConnection.deliver(response, sequence: sequence, loop: loop, fd: fd, id: id)
        }
        if onLoop {
            // Completes here unless it suspends; its completion is then deferred to right
            // after this event, with no thread hop, lock or wake-up.
            Task.immediate(operation: work)
        } else {
            Task(operation: work)
        }
    }

    /// Hands `response` to the connection on `fd` on its loop's thread (dropped if that
    /// connection closed meanwhile); from the loop's own thread, right after the current event.
    private static func deliver(_ response: HTTPResponse, sequence: Int, loop: EventLoop, fd: Int32, id: UInt32) {
        loop.execute { loop in
            var response = response
            (loop.handler(fd, id: id) as? HTTPConnection)?.complete(sequence, &response)
        }
    }

    /// Sends the answers of immediate routes queued during the event just handled.
    func runAfterEvent() {
        guard sendScheduled else { return }
        sendScheduled = false
        finishWriting()
    }

    /// Answers a request the parser refused, after the responses before it, then closes.
    func refuse(_ error: HTTPParserError) {
        acceptsRequests = false
        stash = []
        let requestID = server.requestID(for: HTTPHeaders())
        server.logger.info("refused request: \(error.reason)", [("remote", remoteAddress), ("request_id", requestID), ("status", String(error.status.code))])
        var response = HTTPError(error.status, message: error.reason).response(path: "", requestID: requestID)
        response.headers["X-Request-ID"] = requestID
        let sequence = nextSequence
        nextSequence += 1
        pending.append(PendingRequest(keepAlive: false, isHead: false, http10: false, upgrade: false))
        complete(sequence, &response)
    }

    /// Takes the response to request `sequence`: written now if it is its turn, else when the
    /// ones before it are. With `sendingNow: false` the bytes are only queued; the caller
    /// sends them (``finishWriting()``) once it is done parsing. The response is taken by
    /// `inout` all the way to the socket: passed by value, the compiler copies it (retaining
    /// each of its parts) at almost every step.
    func complete(_ sequence: Int, _ response: inout HTTPResponse, sendingNow: Bool = true) {
        guard !closed else { return }
        // The handler is done with its request body unless a streamed response still runs
        // (it may read the body while it writes); then that stream's end settles it.
        let index = sequence - nextToWrite
        var streamsLater = false
        if case .stream = response.body { streamsLater = !pending[index].isHead && !response.status.forbidsBody }
        if !streamsLater && !settleUnreadBody(after: sequence) { pending[index].keepAlive = false }
        if index == 0 && !streaming {
            // Its turn already (the usual case): written without going through `completed`.
            writeNext(&response)
        } else {
            completed[sequence] = response
        }
        writeReadyResponses(sendingNow: sendingNow)
    }

    /// Starts a graceful shutdown: idle connections close now, busy ones after their
    /// in-flight responses.
    func shutdownGracefully() {
        if receiving != nil {
            // Its handler waits for the rest of the streamed body: read that, then stop.
            receiving?.keepAlive = false
        } else {
            acceptsRequests = false
            stash = []
        }
        if nextSequence == nextToWrite && !streaming && outbound.isEmpty {
            close()
        } else {
            closeWhenFlushed = true
            for index in pending.indices { pending[index].keepAlive = false }
        }
    }

    /// The descriptor now belongs to a WebSocket connection: stop acting on it.
    func handOver() {
        closed = true
        stash = []
    }

    /// Moves the unwritten bytes (the 101 response) to the new owner of the descriptor.
    func takeOutbound() -> OutboundBuffer {
        var taken = OutboundBuffer()
        swap(&taken, &outbound)
        taken.releaseSpare()
        return taken
    }

    /// Closes the socket now; pending responses and streams are abandoned.
    func close() {
        guard !closed else { return }
        closed = true
        outbound.removeAll()
        loop.close(fd)
        drainWaiter?.resume(throwing: IOError(code: ECONNRESET, call: "write"))
        drainWaiter = nil
        abortReceivingBody()
        owner.connectionClosed(fd)
    }

    /// Keeps epoll's interest set in line with what the connection waits for.
    func updateInterest() {
        guard !closed else { return }
        var wanted: UInt32 = 0
        let paused = !stash.isEmpty || bodyPaused || (!acceptsRequests && !lingering) || upgradePending
        if !peerClosed && (!paused || lingering) { wanted |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if !outbound.isEmpty { wanted |= EPOLLOUT.rawValue }
        if wanted != interest {
            interest = wanted
            loop.modify(fd, id: id, events: wanted)
        }
    }
}
