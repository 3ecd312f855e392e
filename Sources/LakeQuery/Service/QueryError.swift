/// Why a bar query could not be answered. Each ``Kind`` maps to one HTTP status in the
/// routes (unknown symbol and empty range → 404, bad interval → 422, the rest of the
/// request mistakes → 400, storage trouble → 503/500), so the engine never decides statuses.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Hashable, Sendable {
        /// The catalog knows no series for the symbol (on the exchange, when one was named).
        case unknownSymbol
        /// The symbol exists but has no rows in the requested range.
        case noData
        /// The range is empty or ends before it starts.
        case invalidRange
        /// The range is longer than the configured maximum.
        case rangeTooLarge
        /// The timeframe cannot be produced (e.g. trades, or nothing stored resamples into it).
        case unsupportedTimeframe
        /// The symbol trades on several exchanges and none was named.
        case ambiguousSymbol
        /// A stored object could not be read or decoded.
        case unreadableObject
    }

    /// The category.
    public let kind: Kind
    /// A sentence for the client, naming the field or object at fault.
    public let message: String

    /// An error of `kind` explained by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
