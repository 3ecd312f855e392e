/// How a route receives its request body: collected whole into ``HTTPRequest/body`` before
/// the handler runs (the default), or streamed to the handler as it arrives through
/// ``HTTPRequest/bodyStream``; and the largest body the route accepts.
///
/// ```swift
/// router.post("/upload", body: .streamed(maxSize: 256 << 20)) { request, _ in
///     for try await chunk in request.bodyStream { try spool.write(chunk) }
///     …
/// }
/// ```
public struct RequestBodyOptions: Sendable, Equatable {
    /// Whether the handler starts at once and reads the body as it arrives.
    public var isStreamed: Bool
    /// Largest body accepted in bytes — declared (`Content-Length`, refused with 413 before
    /// anything is read) or received (chunked, 413 as soon as it is crossed); nil means
    /// ``HTTPParserLimits/maxBodySize``.
    public var maxSize: Int?

    /// The body collected whole, up to ``HTTPParserLimits/maxBodySize``.
    public static let collected = RequestBodyOptions(isStreamed: false, maxSize: nil)

    /// The body collected whole, up to `maxSize` bytes.
    public static func collected(maxSize: Int) -> RequestBodyOptions {
        RequestBodyOptions(isStreamed: false, maxSize: maxSize)
    }

    /// The body streamed to the handler, up to `maxSize` bytes (default
    /// ``HTTPParserLimits/maxBodySize``). Memory stays bounded by the connection's body
    /// buffer (``HTTPServerConfiguration/requestBodyHighWaterMark``) whatever the size.
    public static func streamed(maxSize: Int? = nil) -> RequestBodyOptions {
        RequestBodyOptions(isStreamed: true, maxSize: maxSize)
    }
}
