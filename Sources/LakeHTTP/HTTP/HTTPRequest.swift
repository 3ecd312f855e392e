/// A complete request as a handler sees it: the head plus the whole body.
public struct HTTPRequest: Sendable {
    /// The parsed request line and headers.
    public var head: HTTPRequestHead
    /// The request body (at most ``HTTPParserLimits/maxBodySize`` bytes).
    public var body: [UInt8]
    /// Trailer fields of a chunked body.
    public var trailers: HTTPHeaders

    /// A request from its parts.
    public init(head: HTTPRequestHead, body: [UInt8] = [], trailers: HTTPHeaders = HTTPHeaders()) {
        self.head = head
        self.body = body
        self.trailers = trailers
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The header fields (lowercase names).
    public var headers: HTTPHeaders { head.headers }

    /// The path part of the target, still percent-encoded (`/a%20b` for `/a%20b?x=1`);
    /// for an absolute-form target, the path after the authority.
    public var path: Substring {
        var target = Substring(head.target)
        if target.utf8.first != UInt8(ascii: "/"), let scheme = target.range(of: "://") {
            target = target[scheme.upperBound...]
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        return target.firstIndex(of: "?").map { target[..<$0] } ?? target
    }

    /// The raw query string after `?`, if any.
    public var queryString: Substring? {
        head.target.firstIndex(of: "?").map { head.target[head.target.index(after: $0)...] }
    }

    /// The decoded query parameters.
    public var query: QueryParameters { QueryParameters(parsing: queryString ?? "") }
}
