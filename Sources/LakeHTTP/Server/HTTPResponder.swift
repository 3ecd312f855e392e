/// Whatever answers requests: a ``Router``, or any type with this one method.
public protocol HTTPResponder: Sendable {
    /// Produces the response for `request`. Runs on the Swift concurrency pool unless
    /// ``placement(of:)`` says otherwise. A thrown ``HTTPError`` is rendered as its JSON; anything else
    /// becomes a 500 with the detail only in the log.
    func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse

    /// Where the response to `request` is produced. Anything but ``HandlerPlacement/pool`` runs
    /// (at least at first) on the event-loop thread, which serves every other connection of
    /// its thread meanwhile, so only for handlers that are cheap and never block. Asked on the
    /// loop thread for every request, so it must be cheap. Default: ``HandlerPlacement/pool``.
    func placement(of request: HTTPRequest) -> HandlerPlacement

    /// How the request with `head` receives its body; asked on the event-loop thread as soon
    /// as a head that announces a body is parsed, so it must be cheap. Default: collected,
    /// up to ``HTTPParserLimits/maxBodySize``.
    func bodyOptions(for head: HTTPRequestHead) -> RequestBodyOptions
}

extension HTTPResponder {
    /// Every handler runs on the concurrency pool unless a responder says otherwise.
    public func placement(of request: HTTPRequest) -> HandlerPlacement { .pool }

    /// Every body is collected whole unless a responder says otherwise.
    public func bodyOptions(for head: HTTPRequestHead) -> RequestBodyOptions { .collected }
}
