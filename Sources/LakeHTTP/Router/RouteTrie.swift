/// Routes by path segment: a trie whose nodes hold handlers per method.
struct RouteTrie: Sendable {
    struct Route: Sendable {
        let handler: RouteHandler
        let parameterNames: [String]
        /// Where the handler runs (see ``HTTPResponder/placement(of:)``).
        let placement: HandlerPlacement
        /// How the route receives request bodies.
        let body: RequestBodyOptions
    }

    /// One trie node; literal children by text, parameter/wildcard children by reserved keys.
    struct Node: Sendable {
        var children: [String: Node] = [:]
        var routes: [HTTPMethod: Route] = [:]
    }

    /// A path that matched a node with routes.
    struct Match {
        let routes: [HTTPMethod: Route]
        let captures: [String]
    }

    private var root = Node()

    /// Adds `handler` for `method` at `pattern`; registering the same pair twice is a
    /// programmer error. Returns the route as stored.
    @discardableResult
    mutating func insert(_ pattern: RoutePattern, method: HTTPMethod, placement: HandlerPlacement, body: RequestBodyOptions,
                         handler: @escaping RouteHandler) -> Route {
        let route = Route(handler: handler, parameterNames: pattern.parameterNames, placement: placement, body: body)
        func insert(into node: inout Node, _ remaining: ArraySlice<RouteSegment>) {
            guard let segment = remaining.first else {
                precondition(node.routes[method] == nil, "route \(method) \(pattern) registered twice")
                node.routes[method] = route
                return
            }
            insert(into: &node.children[segment.key, default: Node()], remaining.dropFirst())
        }
        insert(into: &root, pattern.segments[...])
        return route
    }

    /// The node `segments` lead to (literal before parameter before `*` before `**`),
    /// with the captured values.
    func match(_ segments: [String]) -> Match? {
        var captures: [String] = []
        captures.reserveCapacity(4)
        return match(root, segments[...], &captures)
    }

    private func match(_ node: Node, _ remaining: ArraySlice<String>, _ captures: inout [String]) -> Match? {
        guard let segment = remaining.first else {
            if !node.routes.isEmpty { return Match(routes: node.routes, captures: captures) }
            if let rest = node.children[RouteSegment.catchAll.key], !rest.routes.isEmpty {
                return Match(routes: rest.routes, captures: captures + [""])
            }
            return nil
        }
        let rest = remaining.dropFirst()
        if let child = node.children[segment], let found = match(child, rest, &captures) { return found }
        if let child = node.children[RouteSegment.parameter("").key] {
            captures.append(segment)
            if let found = match(child, rest, &captures) { return found }
            captures.removeLast()
        }
        if let child = node.children[RouteSegment.wildcard.key], let found = match(child, rest, &captures) { return found }
        if let child = node.children[RouteSegment.catchAll.key], !child.routes.isEmpty {
            return Match(routes: child.routes, captures: captures + [remaining.joined(separator: "/")])
        }
        return nil
    }
}
