/// A response: status, headers and a body that is either bytes or a stream.
///
/// ```swift
/// HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: .bytes(Array(json.utf8)))
/// HTTPResponse.json(#"{"status":"ok"}"#)
/// ```
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: HTTPStatus
    /// Header fields; the server adds `Date`, `Server`, `Content-Length` or
    /// `Transfer-Encoding`, and `Connection` itself.
    public var headers: HTTPHeaders
    /// The body.
    public var body: ResponseBody
    /// Who the request was made as (an API key's public id), written to the access log and
    /// never sent: the log names the key without ever seeing its secret.
    public var principal: String?
    /// Set on a `101 Switching Protocols` answer to a WebSocket handshake.
    var webSocket: WebSocketUpgrade?

    /// A response from its parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from already-encoded JSON text.
    public static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        json(bytes: Array(text.utf8), status: status)
    }

    /// A JSON response from already-encoded UTF-8 JSON bytes.
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders(contentType: "application/json"), body: .bytes(bytes))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders(contentType: "text/plain; charset=utf-8"), body: .bytes(Array(text.utf8)))
    }
}

/// The body of a response.
public enum ResponseBody: Sendable {
    /// A body known in full; sent with `Content-Length`.
    case bytes([UInt8])
    /// A body produced while it is sent. With a known length it is sent with
    /// `Content-Length`, otherwise chunked. The producer writes through a
    /// ``ResponseBodyWriter``, whose `write` waits while the client is slow, so a slow
    /// reader holds the producer instead of growing memory.
    case stream(length: Int?, producer: @Sendable (ResponseBodyWriter) async throws -> Void)

    /// A streamed body from any async sequence of byte chunks.
    public static func sequence<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int? = nil) -> ResponseBody
    where Chunks.Element == [UInt8] {
        .stream(length: length) { writer in
            for try await chunk in chunks { try await writer.write(chunk) }
        }
    }

    /// The byte count if the body is fully known.
    var knownLength: Int? {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .stream(let length, _): return length
        }
    }
}
