/// A parsed request line and header section, with the framing decisions made from them.
public struct HTTPRequestHead: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form `/path?query`, absolute-form or `*`).
    public var target: String
    /// HTTP/1.0 or HTTP/1.1.
    public var version: HTTPVersion
    /// Header fields; names are lowercase.
    public var headers: HTTPHeaders
    /// Whether the connection may carry another request after this one.
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue` and waits for an interim response.
    public var expectsContinue: Bool
    /// How the body is framed.
    public var framing: BodyFraming

    /// How a request body is delimited (RFC 9112 §6.3).
    public enum BodyFraming: Sendable, Equatable {
        /// No body (neither Content-Length nor Transfer-Encoding).
        case none
        /// Exactly this many bytes follow.
        case contentLength(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
    }

    /// The path part of the target, still percent-encoded (`/a%20b` for `/a%20b?x=1`);
    /// for an absolute-form target, the path after the authority.
    public var path: Substring {
        var target = Substring(self.target)
        if target.utf8.first != UInt8(ascii: "/"), let scheme = target.firstRange(of: "://") {
            target = target[scheme.upperBound...]
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        // By bytes: a Character search would run grapheme breaking over every request path.
        return target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target
    }

    /// Whether the client asked to switch protocols (`Connection: upgrade` plus `Upgrade`).
    public var requestsUpgrade: Bool {
        headers["upgrade"] != nil && headers.containsToken("upgrade", in: "connection")
    }
}
