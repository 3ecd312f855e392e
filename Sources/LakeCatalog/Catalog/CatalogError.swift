/// A catalog request that cannot be served as asked (storage failures are ``SQLiteError``).
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: Hashable, Sendable {
        /// A parameter out of its documented range (limit, time range, sizes).
        case invalidArgument
        /// A pagination cursor this catalog did not issue, or issued for another listing.
        case invalidCursor
        /// An object whose time range does not lie inside its partition.
        case outsidePartition
        /// A stored row that no longer parses (written by a newer or damaged program).
        case corruptRow
    }

    /// The class of problem.
    public let kind: Kind
    /// A sentence naming the offending value.
    public let reason: String

    /// An error of `kind` explained by `reason`.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
