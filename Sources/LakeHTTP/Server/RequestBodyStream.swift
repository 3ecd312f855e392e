import Synchronization

/// A request body as an async sequence of byte chunks, filled by the connection as bytes
/// arrive and drained by the handler, with back-pressure in between.
///
/// The connection stops reading from the socket while more than the high-water mark is
/// buffered here and resumes once the handler has drained it below the low-water mark (see
/// ``HTTPServerConfiguration/requestBodyHighWaterMark``), so a handler slower than its client
/// holds the client back instead of growing memory. The first call to `next()` is what makes
/// the server answer `Expect: 100-continue`.
///
/// Iteration throws an ``HTTPError`` when the body cannot complete: 413 when it grows past the
/// route's limit, 408 when the client pauses longer than the body read timeout, 400 for broken
/// chunked framing or a client that closed the connection before the body ended.
///
/// ```swift
/// router.post("/ingest", body: .streamed(maxSize: 1 << 30)) { request, _ in
///     var total = 0
///     for try await chunk in request.bodyStream { total += chunk.count }
///     return .json(#"{"bytes":\#(total)}"#)
/// }
/// ```
public final class RequestBodyStream: AsyncSequence, Sendable {
    /// A piece of the body as it arrived (on a streaming route, at most one socket read).
    public typealias Element = [UInt8]

    /// What the stream tells its connection (called outside the lock, on the consumer's thread).
    enum Signal {
        /// The handler asked for the first chunk: time for `100 Continue`.
        case started
        /// The buffer fell below the low-water mark while the connection was paused.
        case drained
    }

    private enum Ending {
        case open
        case finished
        case failed(any Error)
    }

    private struct State {
        var chunks: [[UInt8]] = []
        var buffered = 0
        var ending = Ending.open
        var trailers = HTTPHeaders()
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
        /// The reading task was cancelled before its wait began: the wait must not start.
        var cancelledBeforeWait = false
        var started = false
        var producerPaused = false
        var abandoned = false
    }

    private let state: Mutex<State>
    private let highWaterMark: Int
    private let lowWaterMark: Int
    private let signal: @Sendable (RequestBodyStream, Signal) -> Void

    init(highWaterMark: Int, lowWaterMark: Int, signal: @escaping @Sendable (RequestBodyStream, Signal) -> Void) {
        state = Mutex(State())
        self.highWaterMark = highWaterMark
        self.lowWaterMark = lowWaterMark
        self.signal = signal
    }

    /// A stream that holds an already complete body (a route that collects its body).
    init(complete body: [UInt8], trailers: HTTPHeaders) {
        var initial = State()
        if !body.isEmpty { initial.chunks = [body] }
        initial.buffered = body.count
        initial.ending = .finished
        initial.trailers = trailers
        initial.started = true
        state = Mutex(initial)
        highWaterMark = .max
        lowWaterMark = .max
        signal = { _, _ in }
    }

    /// Trailer fields of a chunked body; empty until the body has ended.
    public var trailers: HTTPHeaders { state.withLock { $0.trailers } }

    // MARK: Producer side (the connection, on its loop thread)

    /// Hands arrived body bytes to the handler. Returns true when the connection should stop
    /// reading until ``Signal/drained``. Bytes arriving after ``abandon()`` are dropped.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty else { return false }
        let chunk = [UInt8](bytes)
        let (waiter, pause) = state.withLock { state -> (CheckedContinuation<[UInt8]?, any Error>?, Bool) in
            guard !state.abandoned, case .open = state.ending else { return (nil, false) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, false)
            }
            state.chunks.append(chunk)
            state.buffered += chunk.count
            if state.buffered >= highWaterMark { state.producerPaused = true }
            return (nil, state.producerPaused)
        }
        waiter?.resume(returning: chunk)
        return pause
    }

    /// The body is complete.
    func finish(trailers: HTTPHeaders) {
        end(.finished, trailers: trailers)
    }

    /// The body cannot complete; the handler's next read throws `error`.
    func fail(_ error: any Error) {
        end(.failed(error), trailers: HTTPHeaders())
    }

    private func end(_ ending: Ending, trailers: HTTPHeaders) {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            guard case .open = state.ending else { return nil }
            state.ending = ending
            state.trailers = trailers
            defer { state.waiter = nil }
            return state.waiter
        }
        guard let waiter else { return }
        if case .failed(let error) = ending { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
    }

    /// The handler is done with the request: buffered and further bytes are dropped, and the
    /// connection never pauses for this body again.
    func abandon() {
        state.withLock { state in
            state.abandoned = true
            state.chunks = []
            state.buffered = 0
            state.producerPaused = false
        }
    }

    // MARK: Consumer side (the handler)

    private enum Step {
        case chunk([UInt8], resumeProducer: Bool)
        case end
        case failure(any Error)
        case wait
    }

    /// What the consumer gets now, if anything; called under the lock.
    private func take(_ state: inout State) -> Step {
        if !state.chunks.isEmpty {
            let chunk = state.chunks.removeFirst()
            state.buffered -= chunk.count
            let resume = state.producerPaused && state.buffered <= lowWaterMark
            if resume { state.producerPaused = false }
            return .chunk(chunk, resumeProducer: resume)
        }
        switch state.ending {
        case .finished: return .end
        case .failed(let error): return .failure(error)
        case .open: return .wait
        }
    }

    /// The next chunk, waiting for the connection to deliver it; nil after the last one.
    func next() async throws -> [UInt8]? {
        let (step, firstRead) = state.withLock { state -> (Step, Bool) in
            defer { state.started = true }
            return (take(&state), !state.started)
        }
        if firstRead { signal(self, .started) }
        if case .wait = step {
            // A cancelled reader stops waiting with `CancellationError` (the bytes stay buffered).
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let step = state.withLock { state -> Step? in
                        if state.cancelledBeforeWait || Task.isCancelled {
                            state.cancelledBeforeWait = false
                            return nil
                        }
                        let step = take(&state)
                        if case .wait = step {
                            precondition(state.waiter == nil, "a request body is read by one task at a time")
                            state.waiter = continuation
                        }
                        return step
                    }
                    guard let step else { return continuation.resume(throwing: CancellationError()) }
                    if case .wait = step { return }
                    continuation.resume(with: Result { try deliver(step) })
                }
            } onCancel: {
                cancelWait()
            }
        }
        return try deliver(step)
    }

    /// Wakes a waiting reader with `CancellationError`, or marks the wait about to begin as cancelled.
    private func cancelWait() {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            guard let waiter = state.waiter else {
                state.cancelledBeforeWait = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(throwing: CancellationError())
    }

    private func deliver(_ step: Step) throws -> [UInt8]? {
        switch step {
        case .chunk(let chunk, let resumeProducer):
            if resumeProducer { signal(self, .drained) }
            return chunk
        case .end, .wait:
            return nil
        case .failure(let error):
            throw error
        }
    }

    /// Reads the whole remaining body into one array, refusing more than `limit` bytes.
    /// - Throws: 413 `HTTPError` past `limit`, or whatever reading the body throws.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var body: [UInt8] = []
        for try await chunk in self {
            guard body.count + chunk.count <= limit else {
                throw HTTPError(.contentTooLarge, message: "request body larger than \(limit) bytes")
            }
            body.append(contentsOf: chunk)
        }
        return body
    }

    /// The iterator; one per stream (the body is read once).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: RequestBodyStream

        /// The next chunk of the body, or nil at its end.
        public mutating func next() async throws -> [UInt8]? {
            try await stream.next()
        }
    }

    /// Iterates the body.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}
