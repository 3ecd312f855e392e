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
        /// The trie nodes of all-literal patterns by their raw path (`"/health"`): such a path
        /// is answered by one hash lookup, with no splitting, decoding or allocation.
        var literalRoutes: [Substring: [HTTPMethod: RouteTrie.Route]] = [:]
        /// The placement of each route with an all-literal pattern, by method and path: what
        /// ``placement(of:)`` asks for every request, in one lookup that copies one value.
        var literalPlacements: [LiteralRoute: HandlerPlacement] = [:]
        /// Whether some route starts on the event loop (else no request needs a lookup for it).
        var hasLoopRoutes = false
        /// Whether some route receives its body other than collected up to the default limit.
        var hasBodyOptions = false
        var middleware: [any HTTPMiddleware] = []
        /// Chooses one route's own innermost middleware from its method and pattern.
        var routeMiddleware: RouteMiddlewareProvider?
        /// Every registered route's method and pattern, in registration order.
        var routes: [RegisteredRoute] = []
        var fallback: RouteHandler = Router.answerUnrouted
        var defaultBody = RequestBodyOptions.collected
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

    /// Chooses the innermost middleware of each route registered after this call from its
    /// method and pattern (nil: none). Per-route policy — which routes need which credential —
    /// is decided once here, at registration, rather than by matching paths on every request.
    public func useForEachRoute(_ provider: @escaping RouteMiddlewareProvider) {
        table.withLock { $0.routeMiddleware = provider }
    }

    /// Every registered route's method and pattern as registered, in registration order
    /// (for checks that each route is covered by a policy).
    public var routes: [RegisteredRoute] { table.withLock { $0.routes } }

    /// How routes registered after this is set receive their bodies when they do not say
    /// (like middleware, it applies to later registrations). Default: ``RequestBodyOptions/collected``.
    public var defaultBodyOptions: RequestBodyOptions {
        get { table.withLock { $0.defaultBody } }
        set { table.withLock { $0.defaultBody = newValue } }
    }

    /// Registers `handler` for `method` requests matching `pattern`.
    ///
    /// With `startsOnEventLoop` the handler begins on the event-loop thread and runs there
    /// until its first suspension, saving two thread hops per request. Only for handlers
    /// that are cheap and never block (health checks, small constants). `body` says how the
    /// handler receives the request body (see ``RequestBodyOptions``; default
    /// ``defaultBodyOptions``).
    public func on(_ method: HTTPMethod, _ pattern: String, startsOnEventLoop: Bool = false, body: RequestBodyOptions? = nil,
                   handler: @escaping RouteHandler) {
        register(method, pattern, placement: startsOnEventLoop ? .eventLoop : .pool, body: body) { middleware in
            middleware.fold(around: handler)
        }
    }

    /// Registers a synchronous `handler` for `method` requests matching `pattern`: it is called
    /// right on the event-loop thread, with no task — the cheapest way to answer, for handlers
    /// that are cheap and never block (health checks, small constants). Middleware is async,
    /// so behind middleware the route runs as a ``HandlerPlacement/eventLoop`` task instead.
    ///
    /// A name of its own, not an overload of ``on(_:_:startsOnEventLoop:body:handler:)``: a
    /// trailing closure that happens not to await would otherwise pick this one silently.
    public func onImmediately(_ method: HTTPMethod, _ pattern: String, handler: @escaping ImmediateRouteHandler) {
        register(method, pattern, placement: .immediate(handler), body: nil) { middleware in
            middleware.fold(around: { request, context in try handler(request, context) })
        }
    }

    private func register(_ method: HTTPMethod, _ pattern: String, placement: HandlerPlacement, body: RequestBodyOptions?,
                          handler: ([any HTTPMiddleware]) -> RouteHandler) {
        let parsed = RoutePattern(pattern)
        table.withLock { table in
            let body = body ?? table.defaultBody
            var placement = placement
            var middleware = table.middleware
            if let own = table.routeMiddleware?(method, pattern) { middleware.append(own) }
            if case .immediate = placement, !middleware.isEmpty { placement = .eventLoop }
            let route = table.trie.insert(parsed, method: method, placement: placement, body: body, handler: handler(middleware))
            table.routes.append(RegisteredRoute(method: method, pattern: pattern))
            if let path = parsed.literalPath {
                table.literalRoutes[Substring(path), default: [:]][method] = route
                table.literalPlacements[LiteralRoute(method: method, path: Substring(path))] = route.placement
            }
            if body != .collected { table.hasBodyOptions = true }
            if case .pool = placement {} else { table.hasLoopRoutes = true }
        }
    }

    /// Registers a `GET` route (also answering `HEAD`); see ``on(_:_:startsOnEventLoop:body:handler:)``.
    public func get(_ pattern: String, startsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(.get, pattern, startsOnEventLoop: startsOnEventLoop, handler: handler)
    }
    /// Registers a synchronous `GET` route (also answering `HEAD`); see ``onImmediately(_:_:handler:)``.
    public func getImmediately(_ pattern: String, handler: @escaping ImmediateRouteHandler) {
        onImmediately(.get, pattern, handler: handler)
    }
    /// Registers a `POST` route.
    public func post(_ pattern: String, body: RequestBodyOptions? = nil, handler: @escaping RouteHandler) {
        on(.post, pattern, body: body, handler: handler)
    }
    /// Registers a `PUT` route.
    public func put(_ pattern: String, body: RequestBodyOptions? = nil, handler: @escaping RouteHandler) {
        on(.put, pattern, body: body, handler: handler)
    }
    /// Registers a `DELETE` route.
    public func delete(_ pattern: String, handler: @escaping RouteHandler) { on(.delete, pattern, handler: handler) }
    /// Registers a `PATCH` route.
    public func patch(_ pattern: String, body: RequestBodyOptions? = nil, handler: @escaping RouteHandler) {
        on(.patch, pattern, body: body, handler: handler)
    }

    /// The placement of the route `request` matches (``HandlerPlacement/pool`` when none does).
    /// An immediate route with path parameters gets them through a wrapper made here.
    public func placement(of request: HTTPRequest) -> HandlerPlacement {
        // Looked up under the lock: copying the tables out would retain them per request.
        let found = table.withLock { table -> (HandlerPlacement, [String], [String])? in
            guard table.hasLoopRoutes else { return nil }
            let path = request.path
            if let placement = table.literalPlacements[LiteralRoute(method: request.method, path: path)] { return (placement, [], []) }
            guard let match = Router.match(in: table, path: path), let route = Router.route(in: match, method: request.method) else {
                return nil
            }
            return (route.placement, route.parameterNames, match.captures)
        }
        guard let (placement, names, captures) = found else { return .pool }
        guard case .immediate(let handler) = placement, !captures.isEmpty else { return placement }
        return .immediate { request, context in
            var context = context
            for (name, value) in zip(names, captures) { context.parameters.set(name, value) }
            return try handler(request, context)
        }
    }

    /// The body options of the route `head` matches (collected for unrouted requests).
    public func bodyOptions(for head: HTTPRequestHead) -> RequestBodyOptions {
        table.withLock { table in
            guard table.hasBodyOptions else { return .collected }
            return Router.route(in: table, method: head.method, path: head.path)?.body ?? .collected
        }
    }

    private static func route(in table: Table, method: HTTPMethod, path: Substring) -> RouteTrie.Route? {
        match(in: table, path: path).flatMap { route(in: $0, method: method) }
    }

    /// The route of `method` at a matched node; `HEAD` falls back to `GET`.
    private static func route(in match: RouteTrie.Match, method: HTTPMethod) -> RouteTrie.Route? {
        match.routes[method] ?? (method == .head ? match.routes[.get] : nil)
    }

    /// The node `path` leads to: an all-literal path by one lookup, any other through the trie
    /// (which finds the same node for such a path: literals are tried first at every level).
    private static func match(in table: Table, path: Substring) -> RouteTrie.Match? {
        if let routes = table.literalRoutes[path] { return RouteTrie.Match(routes: routes, captures: []) }
        return table.trie.match(segments(of: path))
    }

    private static func segments(of path: Substring) -> [String] {
        path.split(separator: "/").map { QueryParameters.decode($0, plusIsSpace: false) }
    }

    /// Finds the route and runs it; unmatched requests go through the middleware to the
    /// 404/405/OPTIONS answer.
    public func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        let (match, fallback) = table.withLock { (Router.match(in: $0, path: request.path), $0.fallback) }
        guard let match else { return try await fallback(request, context) }
        guard let route = Router.route(in: match, method: request.method) else {
            var context = context
            context.parameters.set(Router.allowedMethodsKey, Router.allowHeader(match.routes.keys))
            return try await fallback(request, context)
        }
        var context = context
        for (name, value) in zip(route.parameterNames, match.captures) { context.parameters.set(name, value) }
        return try await route.handler(request, context)
    }

    /// A route's method and its pattern as registered (`GET /symbols/{symbol}/partitions`).
    public struct RegisteredRoute: Hashable, Sendable, CustomStringConvertible {
        /// The method.
        public let method: HTTPMethod
        /// The pattern.
        public let pattern: String
        public var description: String { "\(method.rawValue) \(pattern)" }
    }

    /// A method and an all-literal path, still percent-encoded as registered (`GET /health`).
    private struct LiteralRoute: Hashable, Sendable {
        let method: HTTPMethod
        let path: Substring
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
