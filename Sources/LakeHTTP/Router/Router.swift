import Synchronization

/// Routes requests by method and path pattern to handlers, through middleware.
///
/// Patterns are `/`-separated segments: literals, `{name}` parameters, `*` (any one segment)
/// and a final `**` (the rest of the path). Literals win over parameters, parameters over
/// wildcards. A path that matches with another method gets 405 with `Allow`; `HEAD` falls
/// back to `GET`; `OPTIONS` is answered with `Allow` unless a route handles it.
///
/// ```swift
/// let router = Router()
/// router.use(CORSMiddleware(allowedOrigins: ["*"]))
/// router.get("/symbols/{symbol}") { request, context in
///     let symbol = try context.parameters.require("symbol")
///     return .json(#"{"symbol":"\#(symbol)"}"#)
/// }
/// ```
public final class Router: HTTPResponder {
    private struct Table: Sendable {
        var trie = RouteTrie()
        var middleware: [any HTTPMiddleware] = []
        var fallback: RouteHandler = Router.answerUnrouted
    }

    private let table = Mutex(Table())

    /// An empty router.
    public init() {}

    /// Adds middleware for the routes registered after this call (and the 404/405 answers).
    public func use(_ middleware: any HTTPMiddleware) {
        table.withLock { table in
            table.middleware.append(middleware)
            table.fallback = table.middleware.fold(around: Router.answerUnrouted)
        }
    }

    /// Registers `handler` for `method` requests matching `pattern`.
    public func on(_ method: HTTPMethod, _ pattern: String, handler: @escaping RouteHandler) {
        let parsed = RoutePattern(pattern)
        table.withLock { table in
            table.trie.insert(parsed, method: method, handler: table.middleware.fold(around: handler))
        }
    }

    /// Registers a `GET` route (also answering `HEAD`).
    public func get(_ pattern: String, handler: @escaping RouteHandler) { on(.get, pattern, handler: handler) }
    /// Registers a `POST` route.
    public func post(_ pattern: String, handler: @escaping RouteHandler) { on(.post, pattern, handler: handler) }
    /// Registers a `PUT` route.
    public func put(_ pattern: String, handler: @escaping RouteHandler) { on(.put, pattern, handler: handler) }
    /// Registers a `DELETE` route.
    public func delete(_ pattern: String, handler: @escaping RouteHandler) { on(.delete, pattern, handler: handler) }
    /// Registers a `PATCH` route.
    public func patch(_ pattern: String, handler: @escaping RouteHandler) { on(.patch, pattern, handler: handler) }

    /// Finds the route and runs it; unmatched requests go through the middleware to the
    /// 404/405/OPTIONS answer.
    public func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let (trie, fallback) = table.withLock { ($0.trie, $0.fallback) }
        let segments = request.path.split(separator: "/").map { QueryParameters.decode($0, plusIsSpace: false) }
        guard let match = trie.match(segments) else { return try await fallback(request, context) }
        guard let route = match.routes[request.method] ?? (request.method == .head ? match.routes[.get] : nil) else {
            var context = context
            context.parameters.set(Router.allowedMethodsKey, Router.allowHeader(match.routes.keys))
            return try await fallback(request, context)
        }
        var context = context
        for (name, value) in zip(route.parameterNames, match.captures) { context.parameters.set(name, value) }
        return try await route.handler(request, context)
    }

    /// Where the router leaves the allowed methods of a path that matched with another method.
    static let allowedMethodsKey = "\u{0}allow"

    private static func allowHeader(_ methods: Dictionary<HTTPMethod, RouteTrie.Route>.Keys) -> String {
        var names = Set(methods.map(\.rawValue))
        if names.contains("GET") { names.insert("HEAD") }
        names.insert("OPTIONS")
        return names.sorted().joined(separator: ", ")
    }

    /// 405 with `Allow` when the path exists, 204 with `Allow` for OPTIONS, else 404.
    @Sendable private static func answerUnrouted(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        guard let allow = context.parameters[allowedMethodsKey] else {
            throw HTTPError(.notFound, message: "no route for \(request.method) \(request.path)")
        }
        if request.method == .options {
            return HTTPResponse(status: .noContent, headers: ["Allow": allow])
        }
        throw HTTPError(.methodNotAllowed, message: "\(request.method) is not allowed here; allowed: \(allow)",
                        headers: ["Allow": allow])
    }
}
