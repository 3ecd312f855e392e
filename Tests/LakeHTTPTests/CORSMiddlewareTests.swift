import Testing
@testable import LakeHTTP

/// CORS in-process: preflights, and the headers a browser script may read on answers and errors.
@Suite struct CORSMiddlewareTests {
    private let context = RequestContext(requestID: "r-1", remoteAddress: "127.0.0.1:1", logger: Logger(label: "test", level: .critical))

    private func request(_ method: HTTPMethod, _ target: String, _ headers: HTTPHeaders) -> HTTPRequest {
        var all = headers
        all["host"] = "a"
        return HTTPRequest(head: HTTPRequestHead(method: method, target: target, version: .http1_1, headers: all,
                                                 keepAlive: true, expectsContinue: false, framing: .none))
    }

    private func router(_ middleware: CORSMiddleware) -> Router {
        let router = Router()
        router.use(middleware)
        router.get("/list") { _, _ in HTTPResponse(status: .ok, headers: ["Link": "</list?cursor=x>; rel=\"next\""]) }
        router.get("/fail") { _, _ in throw HTTPError(.notFound) }
        return router
    }

    @Test func preflightAnswersTheRequestedMethodAndHeaders() async throws {
        let response = try await router(CORSMiddleware(originList: "*")).respond(
            to: request(.options, "/list", ["origin": "https://app.example", "access-control-request-method": "GET",
                                            "access-control-request-headers": "content-type"]), context: context)
        #expect(response.status == .noContent)
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["Access-Control-Allow-Headers"] == "content-type")
    }

    @Test func answersAndErrorsExposeTheConfiguredHeaders() async throws {
        let cors = CORSMiddleware(originList: "https://app.example, https://b.example", exposedHeaders: ["X-Request-ID", "Link"])
        let origin: HTTPHeaders = ["origin": "https://b.example"]
        let listed = try await router(cors).respond(to: request(.get, "/list", origin), context: context)
        #expect(listed.headers["Access-Control-Allow-Origin"] == "https://b.example")
        #expect(listed.headers["Access-Control-Expose-Headers"] == "X-Request-ID, Link")
        let error = await #expect(throws: HTTPError.self) { try await router(cors).respond(to: request(.get, "/fail", origin), context: context) }
        #expect(error?.headers["Access-Control-Expose-Headers"] == "X-Request-ID, Link")
        let stranger = try await router(cors).respond(to: request(.get, "/list", ["origin": "https://evil.example"]), context: context)
        #expect(stranger.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func exposesTheRequestIDByDefault() async throws {
        let listed = try await router(CORSMiddleware()).respond(to: request(.get, "/list", ["origin": "https://x.example"]), context: context)
        #expect(listed.headers["Access-Control-Expose-Headers"] == "X-Request-ID")
    }
}
