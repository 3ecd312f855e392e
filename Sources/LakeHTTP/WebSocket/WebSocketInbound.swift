import Synchronization

/// The messages a client sent, as an async sequence; it ends when the connection closes.
///
/// Holds at most ``WebSocketConfiguration/maxInboundMessages`` messages: beyond that the
/// connection stops reading from its socket until the handler catches up, so a client
/// cannot make the server buffer without bound.
public struct WebSocketInbound: AsyncSequence, Sendable {
    public typealias Element = WebSocketMessage

    final class Buffer: Sendable {
        struct State {
            var messages: [WebSocketMessage] = []
            var head = 0
            var finished = false
            var readingPaused = false
            var waiter: CheckedContinuation<WebSocketMessage?, Never>?
        }

        let state = Mutex(State())
        let limit: Int
        /// Called (off the loop) when a paused connection may read again.
        let resumeReading: @Sendable () -> Void

        init(limit: Int, resumeReading: @escaping @Sendable () -> Void) {
            self.limit = limit
            self.resumeReading = resumeReading
        }

        /// Adds a message; returns whether the connection should pause reading.
        func push(_ message: WebSocketMessage) -> Bool {
            let (waiter, pause) = state.withLock { state -> (CheckedContinuation<WebSocketMessage?, Never>?, Bool) in
                if let waiter = state.waiter {
                    state.waiter = nil
                    return (waiter, false)
                }
                state.messages.append(message)
                let pause = state.messages.count - state.head >= limit
                if pause { state.readingPaused = true }
                return (nil, pause)
            }
            waiter?.resume(returning: message)
            return pause
        }

        /// No more messages will come.
        func finish() {
            let waiter = state.withLock { state -> CheckedContinuation<WebSocketMessage?, Never>? in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }

        func next() async -> WebSocketMessage? {
            await withCheckedContinuation { (continuation: CheckedContinuation<WebSocketMessage?, Never>) in
                let (message, resume) = state.withLock { state -> (WebSocketMessage??, Bool) in
                    if state.head < state.messages.count {
                        let message = state.messages[state.head]
                        state.head += 1
                        if state.head == state.messages.count {
                            state.messages.removeAll(keepingCapacity: true)
                            state.head = 0
                        }
                        let resume = state.readingPaused && state.messages.count - state.head <= limit / 2
                        if resume { state.readingPaused = false }
                        return (.some(message), resume)
                    }
                    if state.finished { return (.some(nil), false) }
                    state.waiter = continuation
                    return (nil, false)
                }
                if resume { resumeReading() }
                if let message { continuation.resume(returning: message) }
            }
        }
    }

    let buffer: Buffer

    /// The iterator; one consumer at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: Buffer

        public mutating func next() async -> WebSocketMessage? { await buffer.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
