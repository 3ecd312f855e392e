import CLinux
import Glibc

extension HTTPConnection {
    /// Writes every response whose turn has come, in request order; then sends them unless told not to.
    func writeReadyResponses(sendingNow: Bool = true) {
        while !closed && !streaming && !completed.isEmpty, var response = completed.removeValue(forKey: nextToWrite) {
            writeNext(&response)
        }
        if sendingNow { finishWriting() }
    }

    /// Queues `response`, the answer to the oldest pending request.
    func writeNext(_ response: inout HTTPResponse) {
        let request = pending.removeFirst()
        nextToWrite += 1
        servedRequests += 1
        write(&response, for: request)
    }

    /// Sends what is queued, then lets a held-back `100 Continue`, parsing and timers catch up.
    func finishWriting() {
        guard !closed else { return }
        sendDeferredContinue()
        flush()
        if !closed && !streaming && nextSequence == nextToWrite { idleSince = loop.now }
        resumeParsing()
        updateTimer()
    }

    private func write(_ response: inout HTTPResponse, for request: PendingRequest) {
        let keepAlive = request.keepAlive && !closeWhenFlushed
        if request.upgrade { upgradePending = false }
        if let upgrade = response.webSocket, response.status.code == 101 {
            appendHead(&response, framing: .none, keepAlive: true, request: request)
            flush()
            guard !closed else { return }
            var leftover: [UInt8] = []
            swap(&leftover, &stash)
            WebSocketConnection.takeOver(from: self, upgrade: upgrade, leftover: leftover)
            return
        }
        if !keepAlive {
            acceptsRequests = false
            closeWhenFlushed = true
            stash = []
        }
        switch response.body {
        case .bytes(let body):
            if response.status.forbidsBody {
                appendHead(&response, framing: .none, keepAlive: keepAlive, request: request)
                return
            }
            let small = !request.isHead && body.count <= 16 * 1024
            appendHead(&response, framing: .contentLength(body.count), keepAlive: keepAlive, request: request, body: small ? body : [])
            if !request.isHead && !small { outbound.append(body) }
        case .stream(let length, let producer):
            let framing: ResponseHeadSerializer.Framing
            if response.status.forbidsBody {
                framing = .none
            } else if let length {
                framing = .contentLength(length)
            } else if request.http10 {
                framing = .untilClose
            } else {
                framing = .chunked
            }
            let closesAfter = !keepAlive || framing == .untilClose
            if closesAfter {
                acceptsRequests = false
                closeWhenFlushed = true
            }
            appendHead(&response, framing: framing, keepAlive: !closesAfter, request: request)
            guard !request.isHead, !response.status.forbidsBody else { return }
            startStream(producer, length: length, chunked: framing == .chunked)
        }
    }

    /// Queues the response's head, followed by `body` (a small one, so both leave in one write).
    private func appendHead(_ response: inout HTTPResponse, framing: ResponseHeadSerializer.Framing,
                            keepAlive: Bool, request: PendingRequest, body: [UInt8] = []) {
        let dateLine = owner.dateCache.current()
        outbound.append { bytes in
            ResponseHeadSerializer.serialize(response, framing: framing, keepAlive: keepAlive, http10: request.http10,
                                             serverLine: server.serverLine, dateLine: dateLine, into: &bytes)
            bytes.append(bytesOf: body)
        }
    }

    private func startStream(_ producer: @escaping @Sendable (ResponseBodyWriter) async throws -> Void, length: Int?, chunked: Bool) {
        streaming = true
        streamRemaining = length
        streamChunked = chunked
        let writer = ResponseBodyWriter(loop: loop, fd: fd, id: id)
        let (loop, fd, id, logger) = (self.loop, self.fd, self.id, server.logger)
        Task {
            let failed: Bool
            do {
                try await producer(writer)
                failed = false
            } catch {
                failed = true
                logger.warning("response stream failed: \(error)")
            }
            loop.execute { loop in
                (loop.handler(fd, id: id) as? HTTPConnection)?.finishStream(failed: failed)
            }
        }
    }

    /// Queues one part of a streamed body; resumes the producer now or once drained.
    func writeStreamChunk(_ bytes: [UInt8], continuation: CheckedContinuation<Void, any Error>) {
        guard streaming, !closed else {
            continuation.resume(throwing: IOError(code: EPIPE, call: "write"))
            return
        }
        if let remaining = streamRemaining {
            guard bytes.count <= remaining else {
                // More bytes than the declared Content-Length: the framing is broken, so the
                // only honest thing left is to cut the connection.
                server.logger.error("streamed body exceeds its declared length")
                continuation.resume(throwing: IOError(code: EPIPE, call: "write"))
                close()
                return
            }
            streamRemaining = remaining - bytes.count
        }
        if streamChunked {
            var size: [UInt8] = []
            size.append(hex: bytes.count)
            size.append(ascii: "\r\n")
            outbound.append(size)
            outbound.append(bytes)
            outbound.append(Array("\r\n".utf8))
        } else {
            outbound.append(bytes)
        }
        flush()
        guard !closed else {
            continuation.resume(throwing: IOError(code: EPIPE, call: "write"))
            return
        }
        if outbound.count > server.configuration.writeHighWaterMark {
            drainWaiter = continuation
        } else {
            continuation.resume()
        }
        updateTimer()
    }

    /// Ends a streamed body: the last chunk, or a cut connection if the producer failed or
    /// wrote fewer bytes than it declared.
    func finishStream(failed: Bool) {
        guard streaming, !closed else { return }
        streaming = false
        if failed || (streamRemaining ?? 0) > 0 {
            close()
            return
        }
        if streamChunked { outbound.append(Array("0\r\n\r\n".utf8)) }
        if !settleUnreadBody(after: nextToWrite - 1) {
            acceptsRequests = false
            closeWhenFlushed = true
        }
        writeReadyResponses()
    }

    /// Writes what the socket takes; on completion closes if asked to, and wakes a waiting
    /// stream producer once below the low-water mark.
    func flush() {
        guard !closed else { return }
        if !outbound.isEmpty {
            do {
                if try outbound.write(to: fd) { lastWriteProgressAt = loop.now }
            } catch {
                close()
                return
            }
        }
        if let waiter = drainWaiter, outbound.count <= server.configuration.writeLowWaterMark {
            drainWaiter = nil
            waiter.resume()
        }
        if outbound.isEmpty && closeWhenFlushed && !streaming && nextSequence == nextToWrite {
            startLingeringClose()
            return
        }
        updateInterest()
    }

    /// Half-closes and discards input for a moment before closing, so a client still
    /// sending (a refused upload, say) reads our response instead of a reset.
    private func startLingeringClose() {
        guard !lingering else { return }
        if peerClosed {
            close()
            return
        }
        lingering = true
        shutdown(fd, Int32(SHUT_WR))
        lastReadAt = loop.now
        updateInterest()
        updateTimer()
    }

    /// The deadline that applies now, or 0 when none does (a handler is working).
    private func currentDeadline() -> UInt64 {
        let timeouts = server.timeouts
        if lingering { return lastReadAt + 2_000_000_000 }
        if !outbound.isEmpty { return lastWriteProgressAt + timeouts.write }
        if parser.isReadingBody { return bodyPaused ? 0 : lastReadAt + timeouts.bodyRead }
        if !parser.isIdle || !stash.isEmpty { return requestStartedAt + timeouts.headerRead }
        if nextSequence != nextToWrite || streaming { return 0 }
        return idleSince + (servedRequests == 0 ? timeouts.headerRead : timeouts.idle)
    }

    /// Makes sure a timer entry exists no later than the current deadline. Entries that
    /// fire early just re-arm (see ``TimerHeap``).
    func updateTimer() {
        guard !closed else { return }
        let deadline = currentDeadline()
        guard deadline != 0, timerScheduledAt == 0 || timerScheduledAt > deadline else { return }
        timerScheduledAt = deadline
        loop.schedule(at: deadline, fd: fd, id: id)
    }

    func timerFired(deadline: UInt64) {
        // An entry this connection no longer waits for (its deadline moved earlier, or the
        // entry belonged to the HTTP connection this WebSocket took over).
        guard deadline == timerScheduledAt else { return }
        timerScheduledAt = 0
        guard !closed else { return }
        let deadline = currentDeadline()
        if deadline == 0 { return }
        if deadline > loop.now {
            updateTimer()
            return
        }
        if streamedBodyTimedOut() { return }
        let waitingForRequest = !lingering && outbound.isEmpty && nextSequence == nextToWrite && !streaming
        if waitingForRequest && (!parser.isIdle || !stash.isEmpty) {
            // Header or body too slow: say so once, then close.
            acceptsRequests = false
            server.logger.info("request timed out", [("remote", remoteAddress)])
            let requestID = server.requestID(for: HTTPHeaders())
            var response = HTTPError(.requestTimeout, message: "request not received in time").response(path: "", requestID: requestID)
            response.headers["X-Request-ID"] = requestID
            pending.append(PendingRequest(keepAlive: false, isHead: false, http10: false, upgrade: false))
            nextSequence += 1
            complete(nextSequence - 1, &response)
            return
        }
        close()
    }
}
