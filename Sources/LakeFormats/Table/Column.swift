/// One decoded column: what it is, its values, and which rows are present.
public struct Column: Sendable, Hashable {
    public var descriptor: ColumnDescriptor
    /// One slot per row (placeholders where null).
    public var values: ColumnValues
    /// `validity[i] == false` when row `i` is null; nil when no row is null.
    public var validity: [Bool]?

    /// A column from its parts.
    public init(descriptor: ColumnDescriptor, values: ColumnValues, validity: [Bool]? = nil) {
        self.descriptor = descriptor
        self.values = values
        self.validity = validity
    }

    /// The column's name.
    public var name: String { descriptor.name }

    /// Number of rows.
    public var count: Int { values.count }

    /// Whether row `index` is null.
    @inlinable public func isNull(_ index: Int) -> Bool { validity.map { !$0[index] } ?? false }
}
