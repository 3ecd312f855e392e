/// A route handler: the request and its context in, a response out.
public typealias RouteHandler = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

/// The middleware one route gets of its own (see ``Router/useForEachRoute(_:)``), nil for none.
public typealias RouteMiddlewareProvider = @Sendable (HTTPMethod, String) -> (any HTTPMiddleware)?

/// Code that wraps route handlers (CORS, auth, rate limits, …).
///
/// Middleware is folded into each route's handler once, when the route is registered; nothing
/// is rebuilt per request. Middleware added with ``Router/use(_:)`` applies to the routes
/// registered after it and to the router's own 404/405/OPTIONS answers.
public protocol HTTPMiddleware: Sendable {
    /// Handles `request`, usually by calling `next` and adjusting its result.
    func handle(_ request: HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse
}

extension Array where Element == any HTTPMiddleware {
    /// `handler` wrapped by every middleware, the first one outermost.
    func fold(around handler: @escaping RouteHandler) -> RouteHandler {
        reversed().reduce(handler) { next, middleware in
            { request, context in try await middleware.handle(request, context: context, next: next) }
        }
    }
}
