/// A request as a handler sees it: the head plus the whole body, or — on a route registered
/// with ``RequestBodyOptions/streamed(maxSize:)`` — the head and a stream of the body.
public struct HTTPRequest: Sendable {
    /// The parsed request line and headers.
    public var head: HTTPRequestHead
    /// The request body (at most ``HTTPParserLimits/maxBodySize`` bytes, or the route's
    /// limit); empty on a streaming route, whose body arrives through ``bodyStream``.
    public var body: [UInt8]
    /// Trailer fields of a chunked body (on a streaming route: ``RequestBodyStream/trailers``).
    public var trailers: HTTPHeaders
    /// The body as it arrives from the socket, on a streaming route.
    let streamedBody: RequestBodyStream?

    /// A request from its parts.
    public init(head: HTTPRequestHead, body: [UInt8] = [], trailers: HTTPHeaders = HTTPHeaders()) {
        self.init(head: head, body: body, trailers: trailers, streamedBody: nil)
    }

    init(head: HTTPRequestHead, body: [UInt8], trailers: HTTPHeaders, streamedBody: RequestBodyStream?) {
        self.head = head
        self.body = body
        self.trailers = trailers
        self.streamedBody = streamedBody
    }

    /// The body as a sequence of chunks: on a streaming route straight from the socket (with
    /// back-pressure), otherwise the collected ``body`` as one chunk. Read it once.
    public var bodyStream: RequestBodyStream {
        streamedBody ?? RequestBodyStream(complete: body, trailers: trailers)
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The header fields (lowercase names).
    public var headers: HTTPHeaders { head.headers }

    /// The path part of the target, still percent-encoded (see ``HTTPRequestHead/path``).
    public var path: Substring { head.path }

    /// The raw query string after `?`, if any.
    public var queryString: Substring? {
        head.target.firstIndex(of: "?").map { head.target[head.target.index(after: $0)...] }
    }

    /// The decoded query parameters.
    public var query: QueryParameters { QueryParameters(parsing: queryString ?? "") }
}
