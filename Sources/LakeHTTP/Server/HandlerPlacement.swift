/// A handler that produces its response at once, without suspending: run on the event-loop
/// thread as a plain function call (no task, no thread hop).
public typealias ImmediateRouteHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

/// Where the response to a request is produced; the event loop asks the responder for every
/// request (``HTTPResponder/placement(of:)``).
public enum HandlerPlacement: Sendable {
    /// In a task on the Swift concurrency pool (the default: the handler may take its time).
    case pool
    /// In a task that starts on the event-loop thread (`Task.immediate`) and stays there until
    /// its first suspension: two thread hops fewer than ``pool`` for cheap async handlers.
    case eventLoop
    /// By calling `handler` synchronously on the event-loop thread: no task at all. For
    /// handlers that are cheap and never block (a health check, a small constant).
    case immediate(ImmediateRouteHandler)
}
