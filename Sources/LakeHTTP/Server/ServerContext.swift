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
    /// A per-process prefix so generated request ids differ across restarts.
    private let requestIDPrefix: String
    /// `Server: …\r\n`, built once.
    let serverLine: [UInt8]

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        requestIDPrefix = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)
        serverLine = Array("Server: \(configuration.serverName)\r\n".utf8)
    }

    /// The client's `X-Request-ID` when it is short and printable, else a fresh id.
    func requestID(for headers: HTTPHeaders) -> String {
        if let given = headers["x-request-id"], (1...128).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return given
        }
        let number = requestCounter.add(1, ordering: .relaxed).newValue
        return requestIDPrefix + "-" + String(number, radix: 16)
    }

    /// Runs the responder for one request and turns every outcome into a sendable response:
    /// errors are rendered, invalid header fields become a 500, gzip is applied, the request
    /// id is attached, and the access line is logged (for streams, when they end).
    func respond(to request: HTTPRequest, remoteAddress: String, startedOnEventLoop: Bool) async -> HTTPResponse {
        let started = MonotonicClock.now()
        let requestID = requestID(for: request.headers)
        let context = RequestContext(requestID: requestID, remoteAddress: remoteAddress, logger: logger)
        var response: HTTPResponse
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as HTTPError {
            response = error.response(path: request.path, requestID: requestID)
        } catch {
            context.logger.error("unhandled error: \(error)", [("path", String(request.path))])
            response = HTTPError(.internalServerError).response(path: request.path, requestID: requestID)
        }
        if let invalid = response.headers.first(where: { !HTTPHeaders.isValidField(name: $0.name, value: $0.value) }) {
            context.logger.error("handler produced an invalid header field", [("name", invalid.name)])
            response = HTTPError(.internalServerError).response(path: request.path, requestID: requestID)
        }
        response.headers["X-Request-ID"] = requestID
        if let minimum = configuration.compressionMinimumSize,
           let body = ResponseCompression.eligibleBody(of: response, acceptEncoding: request.headers["accept-encoding"], minimumSize: minimum) {
            // A handler that started on the event loop may still be there: compress on the pool.
            let compressed = startedOnEventLoop ? await Task { ResponseCompression.gzip(body) }.value : ResponseCompression.gzip(body)
            ResponseCompression.replaceBody(of: &response, original: body.count, with: compressed)
        } else if configuration.compressionMinimumSize != nil {
            ResponseCompression.compressStream(of: &response, acceptEncoding: request.headers["accept-encoding"])
        }
        switch response.body {
        case .bytes(let body):
            logAccess(request, status: response.status, bytes: body.count, requestID: requestID, started: started)
        case .stream(let length, let producer):
            // Streams are logged when they end, with the bytes they actually produced.
            let status = response.status
            response.body = .stream(length: length) { [self] writer in
                defer { logAccess(request, status: status, bytes: writer.bytesWritten.load(ordering: .relaxed), requestID: requestID, started: started) }
                try await producer(writer)
            }
        }
        return response
    }

    /// One JSON access line: request id, method, path, status, body bytes, milliseconds.
    func logAccess(_ request: HTTPRequest, status: HTTPStatus, bytes: Int, requestID: String, started: UInt64) {
        guard logger.isEnabled(.info) else { return }
        let elapsed = Double(MonotonicClock.now() - started) / 1_000_000
        logger.logEncoded(.info, "request", [
            ("request_id", JSONText.quote(requestID)),
            ("method", JSONText.quote(request.method.rawValue)),
            ("path", JSONText.quote(String(request.path))),
            ("status", String(status.code)),
            ("bytes", String(bytes)),
            ("ms", String((elapsed * 1000).rounded() / 1000)),
        ])
    }
}
