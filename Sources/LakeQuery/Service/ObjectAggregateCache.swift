import LakeCatalog
import LakeCore
import Synchronization

/// Per-object aggregates kept between queries that ask for the same kind of buckets again —
/// the live stream's forming candles, asked for every second. Objects are immutable (a key and
/// its ETag name one content), so an object's rows aggregated into a timeframe's buckets never
/// change: each object is decoded and aggregated once, and a later query only reads the objects
/// that are new since.
///
/// Only whole objects are kept (an object the query range cuts is aggregated afresh), and only
/// where per-object aggregation is exact: objects whose times are disjoint (see
/// ``BarQueryService``). Bounded by entry count; the least recently used go first.
public final class ObjectAggregateCache: Sendable {
    /// What an object's aggregate depends on besides its content: the buckets' timeframe and
    /// the calendar (time zone) of day, week and month buckets.
    struct Key: Hashable, Sendable {
        let objectKey: String
        let etag: String
        let timeframe: String
        let timeZone: String
    }

    private struct Entry {
        var aggregate: PartialBars
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The most aggregates kept.
    public let maximumEntries: Int
    private let state = Mutex(State())

    /// An empty cache holding at most `maximumEntries` aggregates (each a few buckets).
    public init(maximumEntries: Int = 20_000) {
        precondition(maximumEntries > 0, "an aggregate cache needs room for one entry")
        self.maximumEntries = maximumEntries
    }

    /// Aggregates held, lookups answered and lookups missed so far.
    public var counts: (entries: Int, hits: Int, misses: Int) {
        state.withLock { ($0.entries.count, $0.hits, $0.misses) }
    }

    /// The key of `record` aggregated into `boundaries` — nil when the query's `range` does
    /// not hold the whole object, whose aggregate then depends on the range.
    static func key(of record: ObjectRecord, range: Range<Int64>, boundaries: BucketBoundaries, calendar: ExchangeCalendar) -> Key? {
        guard range.contains(record.minTime), range.contains(record.maxTime) else { return nil }
        return Key(objectKey: record.key, etag: record.etag, timeframe: boundaries.timeframe.canonical,
                   timeZone: calendar.timeZone.identifier)
    }

    func aggregate(for key: Key) -> PartialBars? {
        state.withLock { state in
            guard var entry = state.entries[key] else {
                state.misses += 1
                return nil
            }
            state.clock += 1
            entry.lastUsed = state.clock
            state.entries[key] = entry
            state.hits += 1
            return entry.aggregate
        }
    }

    func store(_ aggregate: PartialBars, for key: Key) {
        state.withLock { state in
            state.clock += 1
            state.entries[key] = Entry(aggregate: aggregate, lastUsed: state.clock)
            guard state.entries.count > maximumEntries else { return }
            // Evict a tenth at once, so that eviction's sort is paid rarely.
            let victims = state.entries.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(max(1, maximumEntries / 10))
            for (key, _) in victims { state.entries[key] = nil }
        }
    }
}
