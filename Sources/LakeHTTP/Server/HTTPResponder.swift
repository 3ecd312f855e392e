/// Whatever answers requests: a ``Router``, or any type with this one method.
public protocol HTTPResponder: Sendable {
    /// Produces the response for `request`. Runs on the Swift concurrency pool, never on an
    /// event-loop thread. A thrown ``HTTPError`` is rendered as its JSON; anything else
    /// becomes a 500 with the detail only in the log.
    func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse
}
