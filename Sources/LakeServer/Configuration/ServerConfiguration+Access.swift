import LakeHTTP

/// Who may use the service and how fast: the IP allowlist and the per-client rate limit of seed
/// 002's "Security & Access Control".
extension ServerConfiguration {
    /// Whether requests are rate limited (`RATE_LIMIT_PER_MINUTE` above 0).
    public var rateLimited: Bool { rateLimitPerMinute > 0 }

    /// The limiter settings, nil when rate limiting is off.
    public var rateLimiterSettings: RateLimiter.Settings? {
        rateLimited ? RateLimiter.Settings(requestsPerMinute: rateLimitPerMinute, burst: rateLimitBurst) : nil
    }

    /// Reads `RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_BURST`, `TRUSTED_PROXIES`, `ALLOWED_IPS` and `AUTH_MODE`.
    ///
    /// The burst default of 200 is ten seconds of the default rate: enough for a dashboard that
    /// opens with a few dozen parallel requests or a client fanning out a backfill, small enough
    /// that a runaway loop is cut within seconds. It is the bucket size (nginx's `burst` with
    /// `nodelay`): a fresh client may send 200 requests at once, then 20 per second.
    mutating func readAccessSettings(_ sources: ConfigurationSources) throws(ConfigurationError) {
        rateLimitPerMinute = try sources.integer("RATE_LIMIT_PER_MINUTE", default: rateLimitPerMinute, in: 0...60_000_000)
        rateLimitBurst = try sources.integer("RATE_LIMIT_BURST", default: rateLimitBurst, in: 1...10_000_000)
        if let list = try Self.networks("TRUSTED_PROXIES", sources) { trustedProxies = list }
        allowedIPs = try Self.networks("ALLOWED_IPS", sources)
        authMode = try sources.value("AUTH_MODE", default: authMode, expected: "off, writes or all") { AuthMode(rawValue: $0.lowercased()) }
    }

    /// A comma-separated list of addresses and CIDR ranges, nil when unset.
    private static func networks(_ key: String, _ sources: ConfigurationSources) throws(ConfigurationError) -> IPNetworkList? {
        guard let (text, source) = sources.lookup(key) else { return nil }
        do {
            return try IPNetworkList(parsing: text)
        } catch {
            throw ConfigurationError(key: key, source: source, "\(error.description) (expected comma-separated IPv4/IPv6 addresses or CIDR ranges)")
        }
    }
}
