import Foundation
import Testing
@testable import LakeHTTP

/// The access-control middleware in-process: allowlist 403s, rate-limit headers on answers and
/// errors, the 429 body, exempt paths, and `X-Forwarded-For` believed only from trusted proxies.
@Suite struct AccessControlMiddlewareTests {
    private func context(_ peer: String) -> RequestContext {
        RequestContext(requestID: "r-1", remoteAddress: peer, logger: Logger(label: "test", level: .critical))
    }

    private func request(_ target: String, _ headers: HTTPHeaders = [:]) -> HTTPRequest {
        var all = headers
        all["host"] = "a"
        return HTTPRequest(head: HTTPRequestHead(method: .get, target: target, version: .http1_1, headers: all,
                                                 keepAlive: true, expectsContinue: false, framing: .none))
    }

    private func router(_ middleware: AccessControlMiddleware) -> Router {
        let router = Router()
        router.use(middleware)
        router.get("/health") { _, _ in .json("{}") }
        router.get("/data") { _, _ in .json("[]") }
        router.get("/missing") { _, _ in throw HTTPError(.notFound) }
        return router
    }

    private func limiter(burst: Int) -> RateLimiter {
        RateLimiter(settings: .init(requestsPerMinute: 60, burst: burst), clock: { 1_795_428_000_000_000_000 })
    }

    /// The response a thrown error becomes, as the server renders it.
    private func answer(_ router: Router, _ request: HTTPRequest, from peer: String) async -> HTTPResponse {
        do {
            return try await router.respond(to: request, context: context(peer))
        } catch let error as HTTPError {
            return error.response(path: request.path, requestID: "r-1")
        } catch {
            return HTTPResponse(status: .internalServerError)
        }
    }

    private func json(_ response: HTTPResponse) throws -> [String: Any] {
        guard case .bytes(let bytes) = response.body else { throw HTTPError(.internalServerError, message: "not a byte body") }
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func answersCarryTheLimitHeadersAndThe429ItsBody() async throws {
        let router = router(AccessControlMiddleware(limiter: limiter(burst: 2)))
        let first = await answer(router, request("/data"), from: "10.0.0.1:5000")
        #expect(first.status == .ok)
        #expect(first.headers["X-RateLimit-Limit"] == "60" && first.headers["X-RateLimit-Remaining"] == "1")
        #expect(first.headers["X-RateLimit-Reset"] == "1795428001")
        let error = await answer(router, request("/missing"), from: "10.0.0.1:5001")
        #expect(error.status == .notFound && error.headers["X-RateLimit-Remaining"] == "0", "errors carry the headers too")
        let refused = await answer(router, request("/data"), from: "10.0.0.1:5002")
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "1" && refused.headers["X-RateLimit-Remaining"] == "0")
        let body = try json(refused)
        #expect(body["error"] as? String == "RATE_LIMIT_EXCEEDED" && body["message"] as? String == "Too many requests")
        let details = try #require(body["details"] as? [String: Any])
        #expect(details["limit"] as? Int == 60 && details["remaining"] as? Int == 0)
        #expect(details["reset_at"] as? String == "2026-11-23T10:00:02Z")
        #expect(body["path"] as? String == "/data" && body["request_id"] as? String == "r-1" && body["timestamp"] is String)
        // Another client is untouched.
        #expect(await answer(router, request("/data"), from: "10.0.0.2:5000").status == .ok)
    }

    @Test func unlimitedPathsAreNeverCountedNorRefused() async {
        let limiter = limiter(burst: 1)
        let router = router(AccessControlMiddleware(limiter: limiter, unlimitedPaths: ["/health"]))
        for _ in 0..<5 {
            let response = await answer(router, request("/health"), from: "10.0.0.1:1")
            #expect(response.status == .ok && response.headers["X-RateLimit-Limit"] == nil)
        }
        #expect(await answer(router, request("/data"), from: "10.0.0.1:1").status == .ok)
        #expect(limiter.usage(of: IPAddress("10.0.0.1")!).minuteUsed == 1)
    }

    /// (allowlist, peer, admitted)
    @Test(arguments: [("10.0.0.0/8", "10.1.2.3:1", true), ("10.0.0.0/8", "11.0.0.1:1", false), ("::1", "[::1]:1", true),
                      ("10.0.0.0/8,::1", "[::ffff:10.0.0.9]:1", true), ("192.168.0.0/16", "[2001:db8::1]:1", false),
                      ("10.0.0.0/8", "not-an-address", false)])
    func theAllowlistAdmitsOnlyItsMembers(allowlist: String, peer: String, admitted: Bool) async throws {
        let router = router(AccessControlMiddleware(allowlist: try IPNetworkList(parsing: allowlist)))
        for path in ["/data", "/health", "/nowhere"] {
            let response = await answer(router, request(path), from: peer)
            if admitted {
                #expect(response.status != .forbidden)
            } else {
                #expect(response.status == .forbidden)
                let body = try json(response)
                #expect(body["error"] as? String == "IP_NOT_ALLOWED" && (body["message"] as? String)?.contains("is not allowed") == true)
            }
        }
    }

    /// (trusted proxies, peer, X-Forwarded-For lines, the client counted)
    @Test(arguments: [
        ("", "10.0.0.1:1", ["203.0.113.9"], "10.0.0.1"),
        ("10.0.0.0/8", "10.0.0.1:1", ["203.0.113.9"], "203.0.113.9"),
        ("10.0.0.0/8", "192.0.2.1:1", ["203.0.113.9"], "192.0.2.1"),
        ("10.0.0.0/8", "10.0.0.1:1", ["1.1.1.1, 203.0.113.9, 10.0.0.2"], "203.0.113.9"),
        ("10.0.0.0/8", "10.0.0.1:1", ["1.1.1.1", "203.0.113.9"], "203.0.113.9"),
        ("10.0.0.0/8", "10.0.0.1:1", ["garbage, 10.0.0.3"], "10.0.0.3"),
        ("10.0.0.0/8", "10.0.0.1:1", [], "10.0.0.1"),
        ("10.0.0.0/8", "10.0.0.1:1", [" 2001:db8::5 "], "2001:db8::5"),
    ])
    func forwardedForIsBelievedOnlyFromTrustedProxies(proxies: String, peer: String, forwarded: [String], client: String) throws {
        let resolver = ClientAddressResolver(trustedProxies: proxies.isEmpty ? IPNetworkList([]) : try IPNetworkList(parsing: proxies))
        var headers = HTTPHeaders()
        for line in forwarded { headers.add("X-Forwarded-For", line) }
        #expect(resolver.client(of: request("/data", headers), remoteAddress: peer)?.description == client)
    }

    /// A service that wraps errors in an envelope answers refusals through its own renderer.
    @Test func refusalsGoThroughTheGivenRenderer() async {
        let router = router(AccessControlMiddleware(allowlist: try! IPNetworkList(parsing: "10.0.0.0/8")) { error, _, _ in
            HTTPResponse(status: error.status, headers: ["X-Code": error.code])
        })
        let response = await answer(router, request("/data"), from: "192.0.2.1:1")
        #expect(response.status == .forbidden && response.headers["X-Code"] == "IP_NOT_ALLOWED")
    }
}
