import Synchronization

/// What every loop and connection of one server shares: configuration, the responder, and
/// the counters. Everything here is immutable or atomic.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    /// Open connections across all loops (for ``HTTPServerConfiguration/maxConnections``).
    let connectionCount = Atomic<Int>(0)
    private let requestCounter = Atomic<UInt64>(0)
    /// A per-process prefix (eight hex digits) so generated request ids differ across restarts.
    private let requestIDPrefix: UInt32
    /// `Server: …\r\n`, built once.
    let serverLine: [UInt8]
    /// The connection timeouts in nanoseconds, converted once: converting a `Duration` takes
    /// a 128-bit division, and a connection asks for its deadline after every event.
    let timeouts: Timeouts

    /// ``HTTPServerConfiguration``'s HTTP connection timeouts, in nanoseconds.
    struct Timeouts {
        let headerRead: UInt64, bodyRead: UInt64, idle: UInt64, write: UInt64
    }

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        requestIDPrefix = UInt32.random(in: 0x1000_0000...UInt32.max)
        serverLine = Array("Server: \(configuration.serverName)\r\n".utf8)
        timeouts = Timeouts(headerRead: configuration.headerReadTimeout.nanoseconds, bodyRead: configuration.bodyReadTimeout.nanoseconds,
                            idle: configuration.idleTimeout.nanoseconds, write: configuration.writeTimeout.nanoseconds)
    }

    /// The client's `X-Request-ID` when it is short and printable, else a fresh id.
    func requestID(for headers: HTTPHeaders) -> String {
        if let given = headers["x-request-id"], (1...128).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return given
        }
        return Self.requestID(prefix: requestIDPrefix, number: requestCounter.add(1, ordering: .relaxed).newValue)
    }

    /// `prefix-number` in lowercase hex (`8a9517d8-a33de`), written straight into the string:
    /// up to 15 bytes, which Swift keeps inline without allocating.
    static func requestID(prefix: UInt32, number: UInt64) -> String {
        let digits = (64 - number.leadingZeroBitCount + 3) / 4
        return String(unsafeUninitializedCapacity: 9 + max(digits, 1)) { buffer in
            func hex(_ value: UInt64) -> UInt8 { value < 10 ? 0x30 + UInt8(value) : 0x57 + UInt8(value) }
            for index in 0..<8 { buffer[index] = hex(UInt64(prefix) >> UInt64(28 - 4 * index) & 0xF) }
            buffer[8] = UInt8(ascii: "-")
            let count = max(digits, 1)
            for index in 0..<count { buffer[9 + index] = hex(number >> UInt64(4 * (count - 1 - index)) & 0xF) }
            return 9 + count
        }
    }

    /// Runs the responder for one request and turns every outcome into a sendable response:
    /// errors are rendered, invalid header fields become a 500, gzip is applied, the request
    /// id is attached, and the access line is logged (for streams, when they end).
    /// - Parameter started: when the request was read (the loop's clock), for the access log.
    func respond(to request: HTTPRequest, remoteAddress: String, started: UInt64, startedOnEventLoop: Bool) async -> HTTPResponse {
        let context = RequestContext(requestID: requestID(for: request.headers), remoteAddress: remoteAddress, logger: logger)
        var response: HTTPResponse
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            response = rendered(error, for: request, context: context)
        }
        if let body = prepare(&response, for: request, context: context) {
            // A handler that started on the event loop may still be there: compress on the pool.
            let level = configuration.compressionLevel
            let compressed = startedOnEventLoop ? await Task { ResponseCompression.gzip(body, level: level) }.value
                : ResponseCompression.gzip(body, level: level)
            ResponseCompression.replaceBody(of: &response, original: body.count, with: compressed)
        }
        logAccess(of: &response, for: request, requestID: context.requestID, started: started)
        return response
    }

    /// What an immediate handler's request comes to: a response ready to write, or — when it
    /// is to be gzipped, which never happens on a loop thread — the work that finishes it.
    enum ImmediateReply {
        case ready(HTTPResponse)
        case compress(@Sendable () -> HTTPResponse)
    }

    /// Runs an immediate handler right here on the loop thread, with the same treatment of
    /// its outcome as ``respond(to:remoteAddress:started:startedOnEventLoop:)``.
    func respond(to request: HTTPRequest, remoteAddress: String, started: UInt64, immediately handler: ImmediateRouteHandler) -> ImmediateReply {
        let context = RequestContext(requestID: requestID(for: request.headers), remoteAddress: remoteAddress, logger: logger)
        var response: HTTPResponse
        do {
            response = try handler(request, context)
        } catch {
            response = rendered(error, for: request, context: context)
        }
        guard let body = prepare(&response, for: request, context: context) else {
            logAccess(of: &response, for: request, requestID: context.requestID, started: started)
            return .ready(response)
        }
        return .compress { [self, response] in
            var response = response
            ResponseCompression.replaceBody(of: &response, original: body.count,
                                            with: ResponseCompression.gzip(body, level: configuration.compressionLevel))
            logAccess(of: &response, for: request, requestID: context.requestID, started: started)
            return response
        }
    }

    /// A thrown error as its response: an ``HTTPError`` renders itself, anything else is a
    /// 500 with the detail only in the log.
    private func rendered(_ error: any Error, for request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        if let error = error as? HTTPError { return error.response(path: request.path, requestID: context.requestID) }
        context.logger.error("unhandled error: \(error)", [("path", String(request.path))])
        return HTTPError(.internalServerError).response(path: request.path, requestID: context.requestID)
    }

    /// Checks the header fields (an invalid one turns the response into a 500), attaches the
    /// request id and sets up gzip for a stream; returns the body to gzip when a body known in
    /// full should be.
    private func prepare(_ response: inout HTTPResponse, for request: HTTPRequest, context: RequestContext) -> [UInt8]? {
        if let invalid = response.headers.first(where: { !HTTPHeaders.isValidField(name: $0.name, value: $0.value) }) {
            context.logger.error("handler produced an invalid header field", [("name", invalid.name)])
            response = HTTPError(.internalServerError).response(path: request.path, requestID: context.requestID)
        }
        response.headers["X-Request-ID"] = context.requestID
        guard let minimum = configuration.compressionMinimumSize else { return nil }
        let acceptEncoding = request.headers["accept-encoding"]
        if let body = ResponseCompression.eligibleBody(of: response, acceptEncoding: acceptEncoding, minimumSize: minimum) { return body }
        ResponseCompression.compressStream(of: &response, acceptEncoding: acceptEncoding, level: configuration.compressionLevel)
        return nil
    }

    /// Logs the access line of a body known in full now, or makes a stream log it when it ends
    /// (with the bytes it actually produced).
    /// (In place: taking and returning the response by value copied all of it.)
    private func logAccess(of response: inout HTTPResponse, for request: HTTPRequest, requestID: String, started: UInt64) {
        guard case .stream(let length, let producer) = response.body else {
            logAccess(request, status: response.status, bytes: response.body.knownLength ?? 0, requestID: requestID,
                      principal: response.principal, started: started)
            return
        }
        let (status, principal) = (response.status, response.principal)
        response.body = .stream(length: length) { [self] writer in
            defer {
                logAccess(request, status: status, bytes: writer.bytesWritten.load(ordering: .relaxed), requestID: requestID,
                          principal: principal, started: started)
            }
            try await producer(writer)
        }
    }

    /// One JSON access line: request id, method, path (never the query, which may carry a
    /// credential), status, body bytes, milliseconds, and the API key id when one was used.
    func logAccess(_ request: HTTPRequest, status: HTTPStatus, bytes: Int, requestID: String, principal: String?, started: UInt64) {
        guard logger.isEnabled(.info) else { return }
        let elapsed = Double(MonotonicClock.now() - started) / 1_000_000
        var fields: [(String, String)] = [
            ("request_id", JSONText.quote(requestID)),
            ("method", JSONText.quote(request.method.rawValue)),
            ("path", JSONText.quote(String(request.path))),
            ("status", String(status.code)),
            ("bytes", String(bytes)),
            ("ms", String((elapsed * 1000).rounded() / 1000)),
        ]
        if let principal { fields.append(("key_id", JSONText.quote(principal))) }
        logger.logEncoded(.info, "request", fields)
    }
}
