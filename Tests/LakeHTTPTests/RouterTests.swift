import Testing
@testable import LakeHTTP

/// The router in-process: matching, fallbacks, middleware and errors.
@Suite struct RouterTests {
    private func request(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = ["host": "a"]) -> HTTPRequest {
        HTTPRequest(head: HTTPRequestHead(method: method, target: target, version: .http1_1, headers: headers,
                                          keepAlive: true, expectsContinue: false, framing: .none))
    }

    private let context = RequestContext(requestID: "r-1", remoteAddress: "127.0.0.1:1", logger: Logger(label: "test", level: .critical))

    private func body(_ response: HTTPResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "<stream>" }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func makeRouter() -> Router {
        let router = Router()
        router.get("/symbols/list") { _, _ in .text("literal") }
        router.get("/symbols/{symbol}") { _, context in .text("param " + (context.parameters["symbol"] ?? "")) }
        router.get("/symbols/*/bars") { _, _ in .text("wildcard") }
        router.get("/files/**") { _, context in .text("rest " + (context.parameters["**"] ?? "")) }
        router.post("/symbols/{symbol}") { _, _ in .text("posted") }
        router.get("/a b") { _, _ in .text("encoded literal") }
        router.get("/") { _, _ in .text("root") }
        return router
    }

    @Test(arguments: [
        ("/symbols/list", "literal"),
        ("/symbols/NSE%3ACIPLA", "param NSE:CIPLA"),
        ("/symbols/X/bars", "wildcard"),
        ("/files/a/b/c.parquet", "rest a/b/c.parquet"),
        ("/files", "rest "),
        ("/symbols/list/", "literal"),
        // Spellings of a literal path other than its exact text still reach it (through the trie).
        ("/symbols/l%69st", "literal"),
        ("//symbols//list", "literal"),
        ("/symbols/list?x=1", "literal"),
        ("/a%20b", "encoded literal"),
        ("/", "root"),
        ("/symbols/lis", "param lis"),
    ])
    func matchesLiteralsBeforeParametersBeforeWildcards(_ target: String, _ expected: String) async throws {
        #expect(body(try await makeRouter().respond(to: request(.get, target), context: context)) == expected)
    }

    @Test func headFallsBackToGet() async throws {
        #expect(body(try await makeRouter().respond(to: request(.head, "/symbols/list"), context: context)) == "literal")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        let router = makeRouter()
        await #expect(throws: HTTPError.self) { try await router.respond(to: request(.get, "/nope"), context: context) }
        do {
            _ = try await router.respond(to: request(.delete, "/symbols/X"), context: context)
            Issue.record("expected 405")
        } catch let error as HTTPError {
            #expect(error.status == .methodNotAllowed)
            #expect(error.headers["Allow"] == "GET, HEAD, OPTIONS, POST")
        }
    }

    /// Middleware that appends its name to `X-Tag` on the way out.
    private struct Tag: HTTPMiddleware {
        let name: String
        func handle(_ request: HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
            var response = try await next(request, context)
            response.headers.add("X-Tag", name)
            return response
        }
    }

    @Test func middlewareWrapsRoutesRegisteredAfterIt() async throws {
        let router = Router()
        router.get("/before") { _, _ in .text("") }
        router.use(Tag(name: "outer"))
        router.use(Tag(name: "inner"))
        router.get("/after") { _, _ in .text("") }
        #expect(try await router.respond(to: request(.get, "/before"), context: context).headers.values("X-Tag") == [])
        #expect(try await router.respond(to: request(.get, "/after"), context: context).headers.values("X-Tag") == ["inner", "outer"])
    }

    /// Per-route middleware is chosen from each route's method and pattern at registration,
    /// runs inside the shared middleware, and the router lists what was registered.
    @Test func perRouteMiddlewareIsChosenAtRegistration() async throws {
        let router = Router()
        router.use(Tag(name: "shared"))
        router.useForEachRoute { method, pattern in pattern.hasPrefix("/admin") ? Tag(name: "\(method.rawValue) \(pattern)") : nil }
        router.post("/admin/{job}") { _, _ in .text("") }
        router.get("/open") { _, _ in .text("") }
        #expect(try await router.respond(to: request(.post, "/admin/sync"), context: context).headers.values("X-Tag")
                == ["POST /admin/{job}", "shared"])
        #expect(try await router.respond(to: request(.get, "/open"), context: context).headers.values("X-Tag") == ["shared"])
        #expect(router.routes.map(\.description) == ["POST /admin/{job}", "GET /open"])
    }

    @Test func errorRendersTheDocumentedJSONShape() {
        let response = HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "bad \"limit\"", details: ["limit": ["too big"]])
            .response(path: "/v1/x", requestID: "r-9")
        let text = body(response)
        #expect(response.status == .badRequest)
        #expect(text.hasPrefix(#"{"error":"VALIDATION_ERROR","message":"bad \"limit\"","details":{"limit":["too big"]},"timestamp":""#))
        #expect(text.hasSuffix(#"Z","path":"/v1/x","request_id":"r-9"}"#))
    }

    /// How each request of the table is placed: "pool", "eventLoop" or "immediate".
    private static let placementCases: [(HTTPMethod, String, String)] = [
        (.get, "/health", "immediate"), (.head, "/health", "immediate"), (.post, "/health", "pool"),
        (.get, "/items/7", "immediate"), (.get, "/loop", "eventLoop"), (.get, "/slow", "pool"),
        (.get, "/guarded", "eventLoop"), (.get, "/nowhere", "pool"),
    ]

    private static func placementRouter() -> Router {
        struct Passing: HTTPMiddleware {
            func handle(_ request: HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
                try await next(request, context)
            }
        }
        let router = Router()
        router.getImmediately("/health") { _, _ in .text("ok") }
        router.getImmediately("/items/{id}") { _, context in .text(try context.parameters.require("id")) }
        router.get("/loop", startsOnEventLoop: true) { _, _ in .text("loop") }
        router.get("/slow") { _, _ in .text("slow") }
        router.post("/health") { _, _ in .text("posted") }
        // Middleware is async: an immediate route behind it runs as a task starting on the loop.
        router.use(Passing())
        router.getImmediately("/guarded") { _, _ in .text("guarded") }
        return router
    }

    @Test(arguments: placementCases)
    func placesEachRouteWhereItWasRegistered(method: HTTPMethod, path: String, expected: String) {
        let placement: String
        switch RouterTests.placementRouter().placement(of: request(method, path)) {
        case .pool: placement = "pool"
        case .eventLoop: placement = "eventLoop"
        case .immediate: placement = "immediate"
        }
        #expect(placement == expected)
    }

    @Test func immediateRoutesGetTheirPathParametersAndAnswerThroughRespondToo() async throws {
        let router = RouterTests.placementRouter()
        guard case .immediate(let handler) = router.placement(of: request(.get, "/items/42")) else {
            Issue.record("/items/{id} is not immediate")
            return
        }
        #expect(body(try handler(request(.get, "/items/42"), context)) == "42")
        #expect(body(try await router.respond(to: request(.get, "/items/43"), context: context)) == "43")
        #expect(body(try await router.respond(to: request(.get, "/guarded"), context: context)) == "guarded")
    }

    @Test func literalRoutesAnswerOnlyTheirMethodsAndKeepTheirBodyOptions() async throws {
        let router = Router()
        router.get("/health") { _, _ in .text("ok") }
        router.post("/upload", body: .streamed(maxSize: 10)) { _, _ in .text("up") }
        #expect(router.bodyOptions(for: request(.post, "/upload").head) == .streamed(maxSize: 10))
        #expect(router.bodyOptions(for: request(.post, "/health").head) == .collected)
        do {
            _ = try await router.respond(to: request(.post, "/health"), context: context)
            Issue.record("expected 405")
        } catch let error as HTTPError {
            #expect(error.status == .methodNotAllowed)
            #expect(error.headers["Allow"] == "GET, HEAD, OPTIONS")
        }
    }

    @Test func parsesQueryParameters() {
        let query = QueryParameters(parsing: "a=1&tag=x&tag=y%20z&q=a+b&flag&bad=%zz")
        #expect(query["a"] == "1")
        #expect(query.values("tag") == ["x", "y z"])
        #expect(query["q"] == "a b")
        #expect(query["flag"] == "")
        #expect(query["bad"] == "%zz")
    }
}
