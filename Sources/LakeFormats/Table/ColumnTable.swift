/// Columns of equal length: what a Parquet or CSV file decodes to.
public struct ColumnTable: Sendable, Hashable {
    public var columns: [Column]
    /// Rows in every column.
    public var rowCount: Int

    /// A table of `columns` (all of `rowCount` rows).
    public init(columns: [Column], rowCount: Int) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns must have the table's row count")
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The first column called `name`, if any.
    public func column(named name: String) -> Column? { columns.first { $0.name == name } }
}
