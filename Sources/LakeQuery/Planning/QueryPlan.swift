import LakeCatalog
import LakeCore

/// What the planner decided for one ``BarQuery``: which stored series to read, exactly which
/// objects, and the calendar that buckets the result.
public struct QueryPlan: Sendable {
    /// The query being answered.
    public let query: BarQuery
    /// The exchange the symbol was found on.
    public let exchange: String
    /// The stored timeframe that will be read (the target itself, a finer one, or trades).
    public let source: Timeframe
    /// The exchange's calendar (time zone) for day, week and month buckets.
    public let calendar: ExchangeCalendar
    /// The objects to read, in the catalog's order (first row time, then key).
    public let objects: [ObjectRecord]

    /// A plan from its parts.
    public init(query: BarQuery, exchange: String, source: Timeframe, calendar: ExchangeCalendar, objects: [ObjectRecord]) {
        self.query = query
        self.exchange = exchange
        self.source = source
        self.calendar = calendar
        self.objects = objects
    }

    /// Whether the stored data already is the requested timeframe (no resampling needed).
    public var isDirectRead: Bool { source == query.timeframe }

    /// Total bytes of the objects to read.
    public var totalBytes: Int64 { objects.reduce(0) { $0 + $1.size } }
}
