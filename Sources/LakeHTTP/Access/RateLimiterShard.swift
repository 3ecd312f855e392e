import Synchronization

/// One lock's worth of a ``RateLimiter``'s clients.
///
/// Bounded: when a new client would pass `capacity`, the shard first drops *idle* clients —
/// those whose bucket has refilled completely, so forgetting them changes no future decision
/// (only their day's count, which is informational) — and, if that frees less than an eighth of
/// the shard (a flood of distinct addresses all still active), the least recently seen ones.
/// Eviction costs a pass over the shard, paid once per eighth of its capacity, so a stream
/// of new addresses costs O(1) amortized per request and memory stays put.
/// Separately, about once a minute a new client's arrival sweeps out clients that are idle and
/// were last seen before today (UTC): they carry nothing worth keeping.
final class RateLimiterShard: Sendable {
    struct Client {
        /// When the bucket is full again (GCRA's theoretical arrival time), ns since the epoch.
        var fullAt: Int64
        var lastSeen: Int64
        /// The UTC minute (minutes since the epoch) `minuteCount` counts in.
        var minute: Int64
        var minuteCount: Int
        /// The UTC day (days since the epoch) `dayCount` counts in.
        var day: Int64
        var dayCount: Int
    }

    private struct State {
        var clients: [IPAddress: Client] = [:]
        var evictions = 0
        var lastSweep: Int64 = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { state.withLock { $0.clients.count } }
    var evictions: Int { state.withLock { $0.evictions } }

    static let nanosecondsPerMinute: Int64 = 60_000_000_000
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    func admit(_ address: IPAddress, now: Int64, interval: Int64, tolerance: Int64) -> RateLimiter.Decision {
        state.withLock { state in
            // One hash lookup for a known client (the common case); a new one may first make room.
            if let index = state.clients.index(forKey: address) {
                return state.clients.values[index].admit(now: now, interval: interval, tolerance: tolerance)
            }
            makeRoom(in: &state, now: now)
            var client = Client(fullAt: now, lastSeen: now, minute: 0, minuteCount: 0, day: 0, dayCount: 0)
            let decision = client.admit(now: now, interval: interval, tolerance: tolerance)
            state.clients[address] = client
            return decision
        }
    }

    func usage(of address: IPAddress, now: Int64, interval: Int64, tolerance: Int64, burst: Int) -> RateLimiter.Usage {
        let client = state.withLock { $0.clients[address] }
        guard let client else {
            return .init(minuteUsed: 0, dayUsed: 0, remaining: burst, resetAt: RateLimiter.secondsRoundingUp(now))
        }
        let fullAt = max(client.fullAt, now)
        return .init(minuteUsed: client.minute == now / Self.nanosecondsPerMinute ? client.minuteCount : 0,
                     dayUsed: client.day == now / Self.nanosecondsPerDay ? client.dayCount : 0,
                     remaining: Int((tolerance - (fullAt - now)) / interval), resetAt: RateLimiter.secondsRoundingUp(fullAt))
    }

    /// Before a new client is added: the daily sweep, and eviction when the shard is full.
    private func makeRoom(in state: inout State, now: Int64) {
        if now - state.lastSweep >= Self.nanosecondsPerMinute {
            state.lastSweep = now
            let today = now / Self.nanosecondsPerDay
            remove(from: &state) { $0.fullAt <= now && $0.lastSeen / Self.nanosecondsPerDay < today }
        }
        guard state.clients.count >= capacity else { return }
        let target = max(1, capacity / 8)
        let before = state.clients.count
        remove(from: &state) { $0.fullAt <= now }
        let stillNeeded = target - (before - state.clients.count)
        guard stillNeeded > 0 else { return }
        // Every client is active: drop the least recently seen.
        var seen = state.clients.values.map(\.lastSeen)
        seen.sort()
        let cutoff = seen[min(stillNeeded, seen.count) - 1]
        var removed = 0
        remove(from: &state) { client in
            guard removed < stillNeeded, client.lastSeen <= cutoff else { return false }
            removed += 1
            return true
        }
    }

    private func remove(from state: inout State, where shouldRemove: (Client) -> Bool) {
        let before = state.clients.count
        state.clients = state.clients.filter { !shouldRemove($0.value) }
        state.evictions += before - state.clients.count
    }
}

extension RateLimiterShard.Client {
    /// Counts a request at `now` if the bucket has room (GCRA): adding one `interval` to the
    /// bucket's full-again time must keep it within `tolerance` of now.
    mutating func admit(now: Int64, interval: Int64, tolerance: Int64) -> RateLimiter.Decision {
        lastSeen = now
        let next = max(fullAt, now) + interval
        guard next - now <= tolerance else {
            let wait = next - now - tolerance
            return .init(allowed: false, remaining: 0, resetAt: RateLimiter.secondsRoundingUp(max(fullAt, now)),
                         retryAfterSeconds: max(1, Int((wait + 999_999_999) / 1_000_000_000)))
        }
        fullAt = next
        let minuteNow = now / RateLimiterShard.nanosecondsPerMinute, dayNow = now / RateLimiterShard.nanosecondsPerDay
        (minute, minuteCount) = minute == minuteNow ? (minute, minuteCount + 1) : (minuteNow, 1)
        (day, dayCount) = day == dayNow ? (day, dayCount + 1) : (dayNow, 1)
        return .init(allowed: true, remaining: Int((tolerance - (next - now)) / interval),
                     resetAt: RateLimiter.secondsRoundingUp(next), retryAfterSeconds: 0)
    }
}
