import LakeCatalog
import LakeCore

/// What the planner decided for one ``BarQuery``: which stored series to read over which part
/// of the range, exactly which objects, and the calendar that buckets the result.
public struct QueryPlan: Sendable {
    /// One stored series read over one part of the range.
    public struct Part: Sendable {
        /// The stored timeframe read (the target itself, a finer one, or trades).
        public let source: Timeframe
        /// The instants this part answers for (epoch ms); parts do not overlap.
        public let range: Range<Int64>
        /// The objects to read, in the catalog's order (first row time, then key).
        public let objects: [ObjectRecord]

        /// A part from its pieces.
        public init(source: Timeframe, range: Range<Int64>, objects: [ObjectRecord]) {
            self.source = source
            self.range = range
            self.objects = objects
        }
    }

    /// The query being answered.
    public let query: BarQuery
    /// The exchange the symbol was found on.
    public let exchange: String
    /// The exchange's calendar (time zone) for day, week and month buckets.
    public let calendar: ExchangeCalendar
    /// The parts, oldest first: one, unless the symbol's newest data is stored only as trades
    /// while bars hold its history — then the bars answer up to their last bar's end and the
    /// trades from there on (see ``QueryPlanner``).
    public let parts: [Part]

    /// A plan from its parts (at least one, in time order).
    public init(query: BarQuery, exchange: String, calendar: ExchangeCalendar, parts: [Part]) {
        precondition(!parts.isEmpty, "a plan reads at least one part")
        self.query = query
        self.exchange = exchange
        self.calendar = calendar
        self.parts = parts
    }

    /// The stored timeframe of the newest part (of the whole range, for a plan of one part).
    public var source: Timeframe { parts[parts.count - 1].source }

    /// Every object read, oldest part first.
    public var objects: [ObjectRecord] { parts.flatMap(\.objects) }

    /// Whether the stored data already is the requested timeframe over the whole range (no
    /// resampling needed).
    public var isDirectRead: Bool { parts.count == 1 && source == query.timeframe }

    /// Total bytes of the objects to read.
    public var totalBytes: Int64 { objects.reduce(0) { $0 + $1.size } }
}
