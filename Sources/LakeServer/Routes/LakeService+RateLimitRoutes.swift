import LakeHTTP

/// Seed 002's access control (IP allowlist, per-IP rate limit) and seed 000's
/// `GET /api/v1/rate-limit`: the calling client's own standing.
extension LakeService {
    /// Paths the rate limit leaves alone: health probes must answer however busy a prober's
    /// address is (a load balancer often shares it with real traffic). The allowlist still applies.
    static let unlimitedPaths: Set<Substring> = ["/health"]

    /// Path prefixes of seed 002's routes, whose refusals (401, 403, 429) come in its envelope.
    static let envelopedPrefixes = ["/api/v1/data", "/api/v1/tickers", "/api/v1/monitoring", "/api/v1/admin", "/ws/stream"]

    static func makeAccessControl(configuration: ServerConfiguration, limiter: RateLimiter?) -> AccessControlMiddleware {
        AccessControlMiddleware(allowlist: configuration.allowedIPs, limiter: limiter, unlimitedPaths: unlimitedPaths,
                                clientAddresses: ClientAddressResolver(trustedProxies: configuration.trustedProxies)) { error, request, _ in
            try refusal(error, for: request)
        }
    }

    /// A refusal by middleware (allowlist, rate limit, API key) as its path's routes answer
    /// errors: seed 002's in its envelope, every other path in our error shape.
    @Sendable static func refusal(_ error: HTTPError, for request: HTTPRequest) throws -> HTTPResponse {
        let path = request.path
        guard envelopedPrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { throw error }
        return try enveloped { throw error }
    }

    func registerRateLimitRoutes(on router: Router) {
        router.get("/api/v1/rate-limit") { [self] request, context in
            try JSONBody.response(rateLimitReport(for: accessControl.clientAddresses.client(of: request, remoteAddress: context.remoteAddress)))
        }
    }

    /// Seed 000's rate-limit document, plus `enabled` and the client's address.
    struct RateLimitReport: Encodable {
        struct Window: Encodable {
            let used, limit, remaining: Int
            let usagePct: Double
            let resetAt: String?

            enum CodingKeys: String, CodingKey { case used, limit, remaining, usagePct = "usage_pct", resetAt = "reset_at" }
        }

        let enabled: Bool
        let clientIP: String?
        let minute, daily: Window?
        let burst: Int?
        /// Always 0: a request past the limit is refused with 429, never queued.
        let queueSize = 0
        /// Limits are per client address; there are no plans or keys that change them.
        let tier: String

        enum CodingKeys: String, CodingKey {
            case enabled, clientIP = "client_ip", minute, daily, burst, queueSize = "queue_size", tier
        }
    }

    /// `client`'s standing. `minute.remaining` is what the client may send right now (its
    /// bucket), which after a burst is less than `limit - used`; `daily.limit` is what the
    /// per-minute rate admits in a day (there is no separate daily quota).
    func rateLimitReport(for client: IPAddress?) -> RateLimitReport {
        guard let rateLimiter else {
            return RateLimitReport(enabled: false, clientIP: client?.description, minute: nil, daily: nil, burst: nil, tier: "unlimited")
        }
        let usage = rateLimiter.usage(of: client ?? IPAddress(bits: 0))
        let perMinute = rateLimiter.settings.requestsPerMinute, perDay = perMinute * 1440
        func percent(_ used: Int, of limit: Int) -> Double { (Double(used) * 1000 / Double(limit)).rounded() / 10 }
        return RateLimitReport(
            enabled: true, clientIP: client?.description,
            minute: .init(used: usage.minuteUsed, limit: perMinute, remaining: usage.remaining, usagePct: percent(usage.minuteUsed, of: perMinute),
                          resetAt: RFC3339.format(seconds: usage.resetAt)),
            daily: .init(used: usage.dayUsed, limit: perDay, remaining: max(0, perDay - usage.dayUsed),
                         usagePct: percent(usage.dayUsed, of: perDay), resetAt: nil),
            burst: rateLimiter.settings.burst, tier: "per-ip")
    }

    /// `/status`'s `rate_limit_status`.
    struct RateLimitStatus: Encodable {
        let enabled: Bool
        let requestsPerMinute, burst: Int?
        let trackedClients, limitedRequests, evictedClients: Int
        let allowlist: [String]?
        let trustedProxies: [String]

        enum CodingKeys: String, CodingKey {
            case enabled, requestsPerMinute = "requests_per_minute", burst, trackedClients = "tracked_clients"
            case limitedRequests = "limited_requests", evictedClients = "evicted_clients", allowlist, trustedProxies = "trusted_proxies"
        }
    }

    var rateLimitStatus: RateLimitStatus {
        RateLimitStatus(enabled: rateLimiter != nil, requestsPerMinute: rateLimiter?.settings.requestsPerMinute,
                        burst: rateLimiter?.settings.burst, trackedClients: rateLimiter?.trackedClients ?? 0,
                        limitedRequests: rateLimiter?.refusedRequests ?? 0, evictedClients: rateLimiter?.evictedClients ?? 0,
                        allowlist: configuration.allowedIPs?.networks.map(\.description),
                        trustedProxies: configuration.trustedProxies.networks.map(\.description))
    }
}
