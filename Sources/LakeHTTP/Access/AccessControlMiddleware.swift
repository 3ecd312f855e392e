/// Admits requests by client address: an optional allowlist (403 outside it) and an optional
/// per-client rate limit (429 past it), with the client found by ``ClientAddressResolver``.
///
/// Every rate-limited route's responses carry `X-RateLimit-Limit` (requests per minute),
/// `X-RateLimit-Remaining` (requests the client may send right now) and `X-RateLimit-Reset`
/// (Unix time when its bucket is full again); a 429 adds `Retry-After` (seconds) and the
/// error body `{"error": "RATE_LIMIT_EXCEEDED", …, "details": {"limit", "remaining", "reset_at"}}`.
/// Paths in ``unlimitedPaths`` (health probes) are never counted nor refused for rate; the
/// allowlist still applies to them.
///
/// ```swift
/// router.use(AccessControlMiddleware(allowlist: try IPNetworkList(parsing: "10.0.0.0/8"),
///                                    limiter: RateLimiter(settings: .init(requestsPerMinute: 1200, burst: 200)),
///                                    unlimitedPaths: ["/health"]))
/// ```
public struct AccessControlMiddleware: HTTPMiddleware {
    /// Turns a refusal into the response (default: the error's own JSON, via the router). A
    /// service whose routes wrap errors in an envelope answers refusals the same way here.
    public typealias Refusal = @Sendable (HTTPError, HTTPRequest, RequestContext) throws -> HTTPResponse

    /// Who may connect at all; nil admits every address.
    public let allowlist: IPNetworkList?
    /// The rate limit; nil for none.
    public let limiter: RateLimiter?
    /// Exact paths the rate limit leaves alone.
    public let unlimitedPaths: Set<Substring>
    /// How the client is found.
    public let clientAddresses: ClientAddressResolver
    private let refusal: Refusal
    private let limitHeader: String

    /// Admission by `allowlist` and `limiter`; see the type's description.
    public init(allowlist: IPNetworkList? = nil, limiter: RateLimiter? = nil, unlimitedPaths: Set<Substring> = [],
                clientAddresses: ClientAddressResolver = ClientAddressResolver(),
                refusal: @escaping Refusal = { error, _, _ in throw error }) {
        self.allowlist = allowlist
        self.limiter = limiter
        self.unlimitedPaths = unlimitedPaths
        self.clientAddresses = clientAddresses
        self.refusal = refusal
        limitHeader = String(limiter?.settings.requestsPerMinute ?? 0)
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        let unlimited = limiter == nil || unlimitedPaths.contains(request.path)
        // Health probes with no allowlist pay one set lookup, not an address parse.
        if unlimited && allowlist == nil { return try await next(request, context) }
        let client = clientAddresses.client(of: request, remoteAddress: context.remoteAddress)
        if let allowlist, !(client.map(allowlist.contains) ?? false) {
            let shown = client.map(String.init(describing:)) ?? context.remoteAddress
            return try refusal(HTTPError(.forbidden, code: "IP_NOT_ALLOWED", message: "IP address \(shown) is not allowed to use this service"),
                               request, context)
        }
        guard let limiter, !unlimited else { return try await next(request, context) }
        // A peer that is not an IP address (never over TCP) shares the unspecified address's bucket.
        let decision = limiter.check(client ?? IPAddress(bits: 0))
        guard decision.allowed else {
            var error = HTTPError(.tooManyRequests, code: "RATE_LIMIT_EXCEEDED", message: "Too many requests")
            mark(&error.headers, decision)
            error.headers.add("Retry-After", String(decision.retryAfterSeconds))
            error.detailValues = ["limit": .integer(limiter.settings.requestsPerMinute), "remaining": .integer(0),
                                  "reset_at": .string(RFC3339.format(seconds: decision.resetAt))]
            return try refusal(error, request, context)
        }
        do {
            var response = try await next(request, context)
            mark(&response.headers, decision)
            return response
        } catch var error as HTTPError {
            mark(&error.headers, decision)
            throw error
        }
    }

    /// Appends the three headers (no handler sets them, so no search for an existing one).
    private func mark(_ headers: inout HTTPHeaders, _ decision: RateLimiter.Decision) {
        headers.add("X-RateLimit-Limit", limitHeader)
        headers.add("X-RateLimit-Remaining", String(decision.remaining))
        headers.add("X-RateLimit-Reset", String(decision.resetAt))
    }
}
