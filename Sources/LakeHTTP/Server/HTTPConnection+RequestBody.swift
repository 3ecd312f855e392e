import CLinux
import Glibc

/// Request bodies: the route's limit, collecting or streaming, back-pressure, and what
/// happens to a body the handler leaves unread.
extension HTTPConnection {
    /// The streamed body the parser is inside of, and what its request asked for.
    struct ReceivingBody {
        let stream: RequestBodyStream
        /// The sequence number of its request (its response's turn).
        let sequence: Int
        var keepAlive: Bool
        let expectsContinue: Bool
        var continueSent = false
    }

    /// Applies the route's body options to the request whose head just arrived: the body
    /// limit (an oversize `Content-Length` is refused with 413 before anything is read, and
    /// before `100 Continue`), then either dispatches a streaming request at once or gets
    /// ready to collect the body. Returns false when the request was refused.
    func admitBody(of head: consuming HTTPRequestHead) -> Bool {
        let options = head.framing == .none ? RequestBodyOptions.collected : server.responder.bodyOptions(for: head)
        do {
            try parser.limitBody(to: options.maxSize ?? server.configuration.limits.maxBodySize)
        } catch {
            refuse(error)
            return false
        }
        guard options.isStreamed else {
            let (framing, expectsContinue) = (head.framing, head.expectsContinue)
            requestHead = consume head
            if case .contentLength(let length) = framing { requestBody.reserveCapacity(min(length, 1 << 20)) }
            if expectsContinue && framing != .none { sendContinueIfDue(sequence: nextSequence) }
            return true
        }
        let stream = makeBodyStream()
        receiving = ReceivingBody(stream: stream, sequence: nextSequence, keepAlive: head.keepAlive, expectsContinue: head.expectsContinue)
        dispatch(HTTPRequest(head: head, body: [], trailers: HTTPHeaders(), streamedBody: stream))
        return true
    }

    private func makeBodyStream() -> RequestBodyStream {
        let (loop, fd, id) = (self.loop, self.fd, self.id)
        let configuration = server.configuration
        return RequestBodyStream(highWaterMark: configuration.requestBodyHighWaterMark,
                                 lowWaterMark: configuration.requestBodyLowWaterMark) { stream, signal in
            loop.execute { loop in
                (loop.handler(fd, id: id) as? HTTPConnection)?.bodyStream(stream, signalled: signal)
            }
        }
    }

    /// Body bytes of the current request: to the streaming handler (pausing reads while its
    /// buffer is full), or into the collected body.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        guard let receiving else {
            requestBody.append(contentsOf: bytes)
            return
        }
        if receiving.stream.append(bytes) {
            bodyPaused = true
            updateInterest()
        }
    }

    /// The streamed body ended; the parser goes on with the next request.
    func finishReceivedBody(trailers: HTTPHeaders) {
        guard let receiving else { return }
        self.receiving = nil
        receiving.stream.finish(trailers: trailers)
        if !receiving.keepAlive { acceptsRequests = false }
    }

    /// The streamed body cannot complete (parser error, timeout): the handler's read throws
    /// an `HTTPError` with `error`'s status, which becomes its response; then the
    /// connection closes, since the rest of the input cannot be framed.
    func failReceivingBody(_ error: HTTPParserError) {
        guard let receiving else { return }
        self.receiving = nil
        server.logger.info("request body failed: \(error.reason)", [("remote", remoteAddress), ("status", String(error.status.code))])
        acceptsRequests = false
        closeWhenFlushed = true
        stash = []
        bodyPaused = false
        let index = receiving.sequence - nextToWrite
        if pending.indices.contains(index) { pending[index].keepAlive = false }
        receiving.stream.fail(HTTPError(error.status, message: error.reason))
        flush()
    }

    /// The connection is gone: a handler still reading learns it.
    func abortReceivingBody() {
        guard let receiving else { return }
        self.receiving = nil
        receiving.stream.fail(HTTPError(.badRequest, message: "the client closed the connection before the request body ended"))
    }

    private func bodyStream(_ stream: RequestBodyStream, signalled signal: RequestBodyStream.Signal) {
        guard !closed, let receiving, receiving.stream === stream else { return }
        switch signal {
        case .started:
            if receiving.expectsContinue { sendContinueIfDue(sequence: receiving.sequence) }
        case .drained:
            resumeBodyReading()
        }
    }

    /// Sends `100 Continue` for the request numbered `sequence` once every response before it
    /// is queued whole; until then it waits (see ``sendDeferredContinue()``).
    private func sendContinueIfDue(sequence: Int) {
        guard sequence == nextToWrite, !streaming else {
            deferredContinue = sequence
            return
        }
        outbound.append(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        if receiving?.sequence == sequence { receiving?.continueSent = true }
        flush()
    }

    /// The responses before a request whose `100 Continue` was held back are out: it goes
    /// now, if the request still waits for its body (being collected, or streamed to a
    /// handler that has not had it yet).
    func sendDeferredContinue() {
        guard let sequence = deferredContinue, sequence == nextToWrite, !streaming else { return }
        deferredContinue = nil
        let collecting = requestHead != nil && sequence == nextSequence && parser.isReadingBody
        let streamingBody = receiving.map { $0.sequence == sequence && !$0.continueSent } ?? false
        guard collecting || streamingBody else { return }
        sendContinueIfDue(sequence: sequence)
    }

    private func resumeBodyReading() {
        guard bodyPaused else { return }
        bodyPaused = false
        // The pause was ours: the client's body-read clock starts again now.
        lastReadAt = loop.now
        if stash.isEmpty {
            // The pause may have come with the body's last byte: the parser still owes its end.
            [UInt8]().withUnsafeBytes { feed($0) }
        } else {
            resumeParsing()
        }
        updateInterest()
        updateTimer()
    }

    /// The handler of request `sequence` has produced its whole response. If its streamed
    /// body is still arriving, the rest is discarded; returns whether the connection can then
    /// stay open. It can when the unread remainder is a known `Content-Length` of at most
    /// ``HTTPServerConfiguration/maxDiscardedBodySize`` that the client is sending anyway;
    /// a chunked body of unknown length, a larger one, or one the client holds back waiting
    /// for the `100 Continue` we never sent would cost more to wait for than a new connection,
    /// so the response says `Connection: close` and the connection ends after it.
    func settleUnreadBody(after sequence: Int) -> Bool {
        guard let receiving, receiving.sequence == sequence else { return true }
        receiving.stream.abandon()
        resumeBodyReading()
        if receiving.expectsContinue && !receiving.continueSent { return false }
        guard let remaining = parser.remainingBodyBytes else { return false }
        return remaining <= server.configuration.maxDiscardedBodySize
    }

    /// A body-read deadline passed while a streaming handler waits: it gets a 408 to answer
    /// with. Returns false when no streamed body is being received.
    func streamedBodyTimedOut() -> Bool {
        guard receiving != nil, parser.isReadingBody, !bodyPaused else { return false }
        failReceivingBody(HTTPParserError(.requestTimeout, "request body not received in time"))
        return true
    }
}
