import Glibc
import Synchronization

/// A per-client token bucket: each client may send `burst` requests at once, refilled at
/// `requestsPerMinute` — the semantics of nginx's `limit_req rate=…r/m burst=… nodelay`.
///
/// The bucket is kept as one number per client, its *theoretical arrival time* (GCRA): the
/// time at which the bucket is full again. A request is admitted when adding one emission
/// interval (a minute / the rate) keeps that time within `burst` intervals of now. Integer
/// nanoseconds throughout, so boundaries are exact and tests can drive a fake clock.
///
/// Clients live in shards, each a dictionary behind its own `Mutex` with a critical section
/// of one lookup and a few additions; the table holds at most ``Settings/maximumClients``
/// clients (see ``RateLimiterShard`` for what is evicted first).
///
/// ```swift
/// let limiter = RateLimiter(settings: .init(requestsPerMinute: 1200, burst: 200))
/// let decision = limiter.check(IPAddress(peer: context.remoteAddress)!)
/// if !decision.allowed { /* 429, Retry-After: decision.retryAfterSeconds */ }
/// ```
public final class RateLimiter: Sendable {
    /// What the limiter enforces.
    public struct Settings: Sendable {
        /// The steady rate each client is refilled at. At least 1.
        public var requestsPerMinute: Int
        /// Requests a client may send at once (the bucket's size). At least 1.
        public var burst: Int
        /// Most clients tracked at once; past it, idle then least recently seen clients are
        /// dropped. Default 100,000 (a few MiB).
        public var maximumClients = 100_000
        /// Independent locks; more means less contention between event loops. Default 16.
        public var shardCount = 16
        /// IPv6 clients are counted by this leading part of their address. Default 64: one
        /// subscriber usually holds a whole /64 and could otherwise send from a fresh address
        /// per request. IPv4 clients are always counted by their full address.
        public var ipv6PrefixLength = 64

        /// `requestsPerMinute` with buckets of `burst`.
        public init(requestsPerMinute: Int, burst: Int) {
            self.requestsPerMinute = requestsPerMinute
            self.burst = burst
        }
    }

    /// The outcome of one request.
    public struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        public var allowed: Bool
        /// Requests the client could send right now (0 when refused).
        public var remaining: Int
        /// Unix time (seconds, rounded up) when the bucket is full again.
        public var resetAt: Int
        /// Seconds (at least 1) until one more request would be admitted; 0 when allowed.
        public var retryAfterSeconds: Int
    }

    /// One client's standing, without counting a request.
    public struct Usage: Sendable, Equatable {
        /// Requests admitted in the current UTC minute.
        public var minuteUsed: Int
        /// Requests admitted since UTC midnight (while the client stayed tracked).
        public var dayUsed: Int
        /// Requests the client could send right now.
        public var remaining: Int
        /// Unix time (seconds, rounded up) when the bucket is full again.
        public var resetAt: Int
    }

    /// The settings in force.
    public let settings: Settings
    /// Nanoseconds between two requests at the steady rate.
    let interval: Int64
    /// How far ahead of now a client's bucket time may run: `burst` intervals.
    let tolerance: Int64
    let clock: @Sendable () -> Int64
    /// What is kept of an IPv6 client's address.
    private let ipv6Mask: UInt128
    private let shards: [RateLimiterShard]
    private let refusals = Atomic<Int>(0)

    /// A limiter enforcing `settings`; `clock` gives nanoseconds since the Unix epoch
    /// (default: the wall clock; tests pass a fake one).
    public init(settings: Settings, clock: @escaping @Sendable () -> Int64 = RateLimiter.wallClock) {
        precondition(settings.requestsPerMinute >= 1 && settings.burst >= 1 && settings.maximumClients >= 1 && settings.shardCount >= 1
                     && (1...128).contains(settings.ipv6PrefixLength), "rate limiter settings out of range")
        self.settings = settings
        self.clock = clock
        interval = max(1, 60_000_000_000 / Int64(settings.requestsPerMinute))
        tolerance = interval * Int64(settings.burst)
        ipv6Mask = IPNetwork.mask(settings.ipv6PrefixLength)
        let shardCount = min(settings.shardCount, settings.maximumClients)
        let perShard = settings.maximumClients / shardCount
        shards = (0..<shardCount).map { _ in RateLimiterShard(capacity: perShard) }
    }

    /// Counts one request from `client` and says whether it may proceed.
    public func check(_ client: IPAddress) -> Decision {
        let now = clock()
        let key = key(of: client)
        let decision = shard(of: key).admit(key, now: now, interval: interval, tolerance: tolerance)
        if !decision.allowed { refusals.wrappingAdd(1, ordering: .relaxed) }
        return decision
    }

    /// `client`'s standing now (zeros for a client not tracked).
    public func usage(of client: IPAddress) -> Usage {
        let now = clock()
        let key = key(of: client)
        return shard(of: key).usage(of: key, now: now, interval: interval, tolerance: tolerance, burst: settings.burst)
    }

    /// The bucket `client` is counted in: an IPv4 address, or an IPv6 address's leading ``Settings/ipv6PrefixLength`` bits.
    public func key(of client: IPAddress) -> IPAddress {
        client.isIPv4 ? client : IPAddress(bits: client.bits & ipv6Mask)
    }

    /// Clients currently tracked.
    public var trackedClients: Int { shards.reduce(0) { $0 + $1.count } }

    /// Requests refused since the limiter was made.
    public var refusedRequests: Int { refusals.load(ordering: .relaxed) }

    /// Clients dropped from the table so far (idle, or to make room).
    public var evictedClients: Int { shards.reduce(0) { $0 + $1.evictions } }

    private func shard(of client: IPAddress) -> RateLimiterShard {
        let folded = UInt64(truncatingIfNeeded: client.bits) ^ UInt64(truncatingIfNeeded: client.bits >> 64)
        return shards[Int((folded &* 0x9E37_79B9_7F4A_7C15) >> 32) % shards.count]
    }

    /// Nanoseconds since the Unix epoch, from `CLOCK_REALTIME`.
    @Sendable public static func wallClock() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// `nanoseconds` since the epoch in whole seconds, rounded up.
    static func secondsRoundingUp(_ nanoseconds: Int64) -> Int {
        Int((nanoseconds + 999_999_999) / 1_000_000_000)
    }
}
