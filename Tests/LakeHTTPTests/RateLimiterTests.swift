import Synchronization
import Testing
@testable import LakeHTTP

/// The per-client token bucket over a fake clock: burst, refill, exact boundaries, minute and
/// UTC-day counts, bounded memory under many clients.
@Suite struct RateLimiterTests {
    /// A clock the test moves by hand, in nanoseconds since the epoch.
    final class FakeClock: Sendable {
        private let current: Atomic<Int64>
        init(_ start: Int64) { current = Atomic(start) }
        var now: Int64 { current.load(ordering: .relaxed) }
        func advance(_ nanoseconds: Int64) { current.wrappingAdd(nanoseconds, ordering: .relaxed) }
        func read() -> Int64 { now }
    }

    static let second: Int64 = 1_000_000_000
    /// 2026-11-23T10:00:00Z, on a minute boundary.
    static let start: Int64 = 1_795_428_000 * second
    static let client = IPAddress("192.0.2.1")!

    private func limiter(perMinute: Int, burst: Int, clock: FakeClock, maximumClients: Int = 100_000, shards: Int = 16) -> RateLimiter {
        var settings = RateLimiter.Settings(requestsPerMinute: perMinute, burst: burst)
        settings.maximumClients = maximumClients
        settings.shardCount = shards
        return RateLimiter(settings: settings, clock: clock.read)
    }

    /// (rate per minute, burst, requests at one instant, how many are admitted)
    @Test(arguments: [(1200, 200, 250, 200), (60, 1, 3, 1), (60, 5, 5, 5), (100, 100, 101, 100), (1, 3, 10, 3)])
    func aFreshClientMaySendExactlyTheBurstAtOnce(perMinute: Int, burst: Int, sent: Int, admitted: Int) {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: perMinute, burst: burst, clock: clock)
        let decisions = (0..<sent).map { _ in limiter.check(Self.client) }
        #expect(decisions.filter(\.allowed).count == admitted)
        #expect(decisions.prefix(admitted).allSatisfy { $0.allowed }, "admitted requests come first")
        #expect(decisions.prefix(admitted).map(\.remaining) == (0..<admitted).map { burst - 1 - $0 })
        #expect(limiter.refusedRequests == sent - admitted)
    }

    /// After the burst is spent, one request per interval (rate 60/min: one per second), to the
    /// nanosecond: a nanosecond early is refused, on time is admitted.
    @Test(arguments: [(60, second), (1200, 50_000_000), (7, 8_571_428_571)])
    func refillAdmitsOneRequestPerIntervalExactly(perMinute: Int, interval: Int64) {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: perMinute, burst: 2, clock: clock)
        #expect(limiter.check(Self.client).allowed && limiter.check(Self.client).allowed)
        let refused = limiter.check(Self.client)
        #expect(!refused.allowed && refused.remaining == 0)
        #expect(refused.retryAfterSeconds == Int((interval + Self.second - 1) / Self.second))
        clock.advance(interval - 1)
        #expect(!limiter.check(Self.client).allowed)
        clock.advance(1)
        #expect(limiter.check(Self.client).allowed)
        #expect(!limiter.check(Self.client).allowed)
    }

    /// An idle client's bucket refills to the burst and no further.
    @Test func refillStopsAtTheBurst() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 5, clock: clock)
        for _ in 0..<5 { _ = limiter.check(Self.client) }
        clock.advance(3 * Self.second)
        #expect(limiter.usage(of: Self.client).remaining == 3)
        clock.advance(3600 * Self.second)
        #expect(limiter.usage(of: Self.client).remaining == 5)
        #expect((0..<6).map { _ in limiter.check(Self.client).allowed } == [true, true, true, true, true, false])
    }

    /// `Retry-After` and `X-RateLimit-Reset` (bucket full again) from a spent bucket.
    @Test func aRefusalSaysWhenToComeBack() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 10, clock: clock)
        for _ in 0..<10 { _ = limiter.check(Self.client) }
        let refused = limiter.check(Self.client)
        #expect(refused == RateLimiter.Decision(allowed: false, remaining: 0, resetAt: Int(Self.start / Self.second) + 10, retryAfterSeconds: 1))
    }

    @Test func clientsHaveSeparateBuckets() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 1, clock: clock)
        let other = IPAddress("2001:db8::7")!
        #expect(limiter.check(Self.client).allowed && !limiter.check(Self.client).allowed)
        #expect(limiter.check(other).allowed)
        #expect(limiter.trackedClients == 2)
    }

    /// IPv6 clients share a bucket per /64 (one subscriber's usual share), IPv4 clients never share.
    /// (address, another address, whether they share a bucket, IPv6 prefix length)
    @Test(arguments: [("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true, 64), ("2001:db8:1:2::1", "2001:db8:1:3::1", false, 64),
                      ("2001:db8:1:2::1", "2001:db8:1:2::2", false, 128), ("2001:db8:1:2::1", "2001:db8:1:3::1", true, 48),
                      ("10.0.0.1", "10.0.0.2", false, 64), ("::ffff:10.0.0.1", "10.0.0.1", true, 64)])
    func ipv6ClientsAreCountedByPrefix(first: String, second: String, shared: Bool, prefixLength: Int) throws {
        var settings = RateLimiter.Settings(requestsPerMinute: 60, burst: 1)
        settings.ipv6PrefixLength = prefixLength
        let limiter = RateLimiter(settings: settings, clock: FakeClock(Self.start).read)
        #expect(limiter.check(try #require(IPAddress(first))).allowed)
        #expect(limiter.check(try #require(IPAddress(second))).allowed != shared)
        #expect(limiter.trackedClients == (shared ? 1 : 2))
    }

    /// The minute count starts over at each UTC minute, the day count at UTC midnight.
    @Test func minuteAndDayCountsRollOverOnUTCBoundaries() {
        // 23:59:30 UTC.
        let clock = FakeClock(Self.start + 14 * 3600 * Self.second - 30 * Self.second)
        let limiter = limiter(perMinute: 6000, burst: 100, clock: clock)
        for _ in 0..<40 { _ = limiter.check(Self.client) }
        #expect(limiter.usage(of: Self.client).minuteUsed == 40 && limiter.usage(of: Self.client).dayUsed == 40)
        clock.advance(29 * Self.second)   // 23:59:59
        for _ in 0..<2 { _ = limiter.check(Self.client) }
        #expect(limiter.usage(of: Self.client) .minuteUsed == 42 && limiter.usage(of: Self.client).dayUsed == 42)
        clock.advance(Self.second)        // 00:00:00 the next day
        #expect(limiter.usage(of: Self.client).minuteUsed == 0 && limiter.usage(of: Self.client).dayUsed == 0)
        _ = limiter.check(Self.client)
        #expect(limiter.usage(of: Self.client).minuteUsed == 1 && limiter.usage(of: Self.client).dayUsed == 1)
        clock.advance(60 * Self.second)
        _ = limiter.check(Self.client)
        #expect(limiter.usage(of: Self.client).minuteUsed == 1 && limiter.usage(of: Self.client).dayUsed == 2)
    }

    /// Refused requests are not counted as used.
    @Test func refusedRequestsAreNotCountedAsUsed() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 3, clock: clock)
        for _ in 0..<10 { _ = limiter.check(Self.client) }
        #expect(limiter.usage(of: Self.client).minuteUsed == 3)
        #expect(limiter.refusedRequests == 7)
    }

    /// A flood of distinct clients (spoofed sources behind a trusted proxy, or many IPv6 /64s)
    /// never grows the table past its bound.
    @Test(arguments: [(64, 1), (1000, 16), (100, 7)])
    func theTableStaysBoundedUnderManyClients(maximumClients: Int, shards: Int) {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 10, clock: clock, maximumClients: maximumClients, shards: shards)
        for index in 0..<20_000 {
            #expect(limiter.check(IPAddress(bits: 0x2001_0db8 << 96 | UInt128(index) << 64)).allowed)   // a /64 each
            if index % 1000 == 0 { clock.advance(Self.second / 10) }
        }
        #expect(limiter.trackedClients <= maximumClients)
        #expect(limiter.evictedClients >= 20_000 - maximumClients)
    }

    /// When the table is full, clients whose bucket has refilled (idle) go first; an active
    /// client (bucket still draining) keeps its count and stays limited.
    @Test func idleClientsAreEvictedBeforeActiveOnes() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 3, clock: clock, maximumClients: 8, shards: 1)
        let active = IPAddress("198.51.100.1")!
        for index in 0..<7 { _ = limiter.check(IPAddress(ipv4: 0x0a00_0000 | UInt32(index))) }
        clock.advance(10 * Self.second)   // those 7 have refilled: idle
        for _ in 0..<3 { _ = limiter.check(active) }
        for index in 0..<7 { _ = limiter.check(IPAddress(ipv4: 0x0b00_0000 | UInt32(index))) }
        #expect(limiter.trackedClients == 8 && limiter.evictedClients == 7)
        #expect(limiter.usage(of: active).minuteUsed == 3, "the active client was kept")
        #expect(!limiter.check(active).allowed, "and is still limited")
    }

    /// Clients last seen before today whose bucket is full are swept when a new client arrives.
    @Test func yesterdaysIdleClientsAreSwept() {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 3, clock: clock, shards: 1)
        for index in 0..<50 { _ = limiter.check(IPAddress(ipv4: 0x0a00_0000 | UInt32(index))) }
        #expect(limiter.trackedClients == 50)
        clock.advance(86_400 * Self.second)
        _ = limiter.check(Self.client)
        #expect(limiter.trackedClients == 1)
    }

    /// Many threads at once: every admitted request is counted once, none beyond the burst.
    @Test func concurrentChecksAdmitExactlyTheBurst() async {
        let clock = FakeClock(Self.start)
        let limiter = limiter(perMinute: 60, burst: 500, clock: clock)
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).reduce(0) { count, _ in count + (limiter.check(Self.client).allowed ? 1 : 0) } }
            }
            return await group.reduce(0, +)
        }
        #expect(admitted == 500)
        #expect(limiter.refusedRequests == 1100)
    }

    /// The per-request cost: a million checks over 1,000 clients. The time is printed, never
    /// asserted (timings move with the machine); the counts are.
    @Test func aMillionChecksCountEveryRequest() {
        let limiter = RateLimiter(settings: .init(requestsPerMinute: 1_000_000, burst: 1_000_000))
        let clients = (0..<1000).map { IPAddress(ipv4: 0xc000_0000 + UInt32($0)) }
        let started = ContinuousClock.now
        var allowed = 0
        for round in 0..<1000 {
            for client in clients where limiter.check(client).allowed { allowed += 1 }
            _ = round
        }
        let elapsed = ContinuousClock.now - started
        print("RateLimiter: 1,000,000 checks in \(elapsed) (\(elapsed / 1_000_000) per check)")
        #expect(allowed == 1_000_000 && limiter.trackedClients == 1000)
    }
}
