/// Whatever answers requests: a ``Router``, or any type with this one method.
public protocol HTTPResponder: Sendable {
    /// Produces the response for `request`. Runs on the Swift concurrency pool, never on an
    /// event-loop thread. A thrown ``HTTPError`` is rendered as its JSON; anything else
    /// becomes a 500 with the detail only in the log.
    func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse

    /// Whether the response to `request` may start on the event-loop thread (as
    /// `Task.immediate`), running there until its first suspension. Only for handlers that are
    /// cheap and never block — a health check, a small constant — because the loop serves
    /// every other connection of its thread meanwhile. Default: false.
    func startsOnEventLoop(_ request: HTTPRequest) -> Bool

    /// How the request with `head` receives its body; asked on the event-loop thread as soon
    /// as a head that announces a body is parsed, so it must be cheap. Default: collected,
    /// up to ``HTTPParserLimits/maxBodySize``.
    func bodyOptions(for head: HTTPRequestHead) -> RequestBodyOptions
}

extension HTTPResponder {
    /// Every handler runs on the concurrency pool unless a responder says otherwise.
    public func startsOnEventLoop(_ request: HTTPRequest) -> Bool { false }

    /// Every body is collected whole unless a responder says otherwise.
    public func bodyOptions(for head: HTTPRequestHead) -> RequestBodyOptions { .collected }
}
