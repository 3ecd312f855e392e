import Foundation
import LakeCatalog
import LakeCore

/// The query engine behind every bars endpoint: plan from the catalog, load the objects in
/// parallel, aggregate, fill, mark closed bars, cut to the limit with a cursor.
///
/// When the stored objects of the plan do not overlap in time (the normal layout: one object
/// per UTC day or month), each object is decoded *and aggregated* on its own, in parallel, and
/// the small per-object results are concatenated — a year of minutes is never held in memory
/// at once. Overlapping objects (appends not yet compacted) are merged and deduplicated first.
///
/// ```swift
/// let service = BarQueryService(planner: planner, loader: loader, maximumRangeDays: 3660)
/// let result = try await service.bars(BarQuery(symbol: "AAPL", timeframe: .day, range: range, limit: 500))
/// ```
public struct BarQueryService: Sendable {
    /// Catalog → objects.
    public let planner: QueryPlanner
    /// Objects → batches.
    public let loader: ObjectLoader
    /// The longest range a query may ask for, in days (nil: unlimited).
    public var maximumRangeDays: Int?
    /// The clock deciding which bars are closed when the query gives no `asOf`.
    public var now: @Sendable () -> Int64
    /// Where per-object aggregates are kept for the next query over the same objects (nil:
    /// nowhere) — for callers asking for the same buckets again and again, like the stream.
    public var aggregates: ObjectAggregateCache?

    /// A service; `now` defaults to the wall clock in epoch ms.
    public init(planner: QueryPlanner, loader: ObjectLoader, maximumRangeDays: Int? = nil, aggregates: ObjectAggregateCache? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.planner = planner
        self.loader = loader
        self.maximumRangeDays = maximumRangeDays
        self.aggregates = aggregates
        self.now = now
    }

    /// The bars answering `query`.
    /// - Throws: ``QueryError`` for request and data problems; store errors pass through.
    public func bars(_ query: BarQuery) async throws -> BarQueryResult {
        try checkRange(query.range)
        let plan = try planner.plan(query)
        let boundaries: BucketBoundaries
        do {
            boundaries = try plan.calendar.boundaries(for: query.timeframe, covering: query.range)
        } catch {
            throw QueryError(.rangeTooLarge, "the range cannot be divided into \(query.timeframe.canonical) bars: \(error)")
        }
        let tally = ReadTally()
        var resampled = try await aggregate(plan, boundaries: boundaries, tally: tally)
        resampled = resampled.filled(query.fill, boundaries: boundaries)
        guard !resampled.bars.isEmpty else {
            throw QueryError(.noData, "no data for '\(query.symbol)' in the requested range")
        }
        let closed = resampled.closedCount(asOf: query.asOf ?? now())
        var result: BarQueryResult
        if let limit = query.limit, limit < resampled.bars.count {
            let page = resampled.bars.rows(in: Int64.min..<resampled.bars.time[limit])
            result = BarQueryResult(plan: plan, bars: page, bucketEnds: Array(resampled.bucketEnds.prefix(limit)),
                                    closedCount: min(closed, limit), nextStart: resampled.bars.time[limit])
        } else {
            result = BarQueryResult(plan: plan, bars: resampled.bars, bucketEnds: resampled.bucketEnds, closedCount: closed,
                                    nextStart: nil)
        }
        result.servedFromCache = tally.allFromCache
        return result
    }

    /// This service reading without the object cache or kept aggregates (seed 000's `use_cache: false`).
    public func bypassingCache() -> BarQueryService {
        BarQueryService(planner: planner, loader: loader.bypassingCache(), maximumRangeDays: maximumRangeDays, aggregates: nil, now: now)
    }

    /// Checks `range` against ``maximumRangeDays``, for callers that fan one range out over
    /// many queries and want to refuse it once.
    /// - Throws: ``QueryError`` `.rangeTooLarge`.
    public func checkRange(_ range: Range<Int64>) throws(QueryError) {
        if let days = maximumRangeDays, range.upperBound - range.lowerBound > Int64(days) * 86_400_000 {
            throw QueryError(.rangeTooLarge, "the range is longer than the maximum of \(days) days")
        }
    }

    /// The plan's rows aggregated into `boundaries`; the parts of a plan of several are
    /// aggregated one by one and joined, a bucket holding the switch between two combined.
    private func aggregate(_ plan: QueryPlan, boundaries: BucketBoundaries, tally: ReadTally) async throws -> ResampledBars {
        guard plan.parts.count > 1 else {
            return try await aggregate(plan.parts[0], directRead: plan.isDirectRead, calendar: plan.calendar, boundaries: boundaries, tally: tally)
        }
        var combined = PartialBars()
        for part in plan.parts {
            if part.source == .trades {
                combined.append(BarResampler.aggregate(try await loader.trades(part.objects, range: part.range, tally: tally), into: boundaries))
            } else {
                combined.append(BarResampler.aggregate(try await loader.bars(part.objects, range: part.range, tally: tally), into: boundaries))
            }
        }
        return combined.finish()
    }

    /// One part's rows aggregated into `boundaries`.
    private func aggregate(_ part: QueryPlan.Part, directRead: Bool, calendar: ExchangeCalendar, boundaries: BucketBoundaries,
                           tally: ReadTally) async throws -> ResampledBars {
        let range = part.range
        if part.source == .trades {
            guard Self.areDisjoint(part.objects) else {
                return BarResampler.resample(try await loader.trades(part.objects, range: range, tally: tally), into: boundaries)
            }
            return try await aggregateEach(part.objects, range: range, calendar: calendar, boundaries: boundaries, tally: tally) { _, source in
                BarResampler.aggregate(try await PartDecoder.trades(source, range: range).rows(in: range), into: boundaries)
            }
        }
        if directRead || !Self.areDisjoint(part.objects) {
            let bars = try await loader.bars(part.objects, range: range, tally: tally)
            if directRead {
                // Stored bars of the requested timeframe pass through unchanged (no VWAP re-derivation).
                var cursor = boundaries.makeCursor()
                return ResampledBars(bars: bars, bucketEnds: bars.time.map { cursor.bucket(containing: $0)?.upperBound ?? $0 })
            }
            return BarResampler.resample(bars, into: boundaries)
        }
        return try await aggregateEach(part.objects, range: range, calendar: calendar, boundaries: boundaries, tally: tally) { record, source in
            let bars = try await PartDecoder.bars(source, range: range)
            let ordered = TimeColumn.isStrictlyAscending(bars.time) ? bars : PartMerger.merge([PartMerger.Part(record: record, bars: bars)])
            return BarResampler.aggregate(ordered, into: boundaries)
        }
    }

    /// Objects of disjoint times aggregated one by one (in parallel, or taken from
    /// ``aggregates``) and joined in time order.
    private func aggregateEach(_ objects: [ObjectRecord], range: Range<Int64>, calendar: ExchangeCalendar, boundaries: BucketBoundaries,
                               tally: ReadTally,
                               _ aggregate: @escaping @Sendable (ObjectRecord, PartSource) async throws -> PartialBars) async throws -> ResampledBars {
        let ordered = objects.sorted { $0.minTime < $1.minTime }
        let keys = ordered.map { record in
            aggregates == nil ? nil : ObjectAggregateCache.key(of: record, range: range, boundaries: boundaries, calendar: calendar)
        }
        var results = [PartialBars?](repeating: nil, count: ordered.count)
        var missing: [Int] = []
        for index in ordered.indices {
            if let key = keys[index], let cached = aggregates?.aggregate(for: key) {
                results[index] = cached
                tally.record(.cache)
            } else {
                missing.append(index)
            }
        }
        let computed = try await loader.decodeAll(missing.map { ordered[$0] }, tally: tally, aggregate)
        for (index, result) in zip(missing, computed) {
            results[index] = result
            if let key = keys[index] { aggregates?.store(result, for: key) }
        }
        var combined = PartialBars()
        for result in results { combined.append(result!) }
        return combined.finish()
    }

    /// Whether `objects` cover disjoint time ranges (by the catalog's min/max times), so that
    /// no bar time can appear in two of them.
    static func areDisjoint(_ objects: [ObjectRecord]) -> Bool {
        var previousEnd = Int64.min
        for record in objects.sorted(by: { $0.minTime < $1.minTime }) {
            if record.minTime <= previousEnd { return false }
            previousEnd = record.maxTime
        }
        return true
    }
}
