/// A CSV problem, located: the 1-based physical line where the record starts and, when
/// known, the column.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line of the record (0 for problems not tied to a line).
    public let line: Int
    /// The column's header name, when the problem is in one field.
    public let column: String?
    /// What is wrong.
    public let message: String

    /// An error at `line` (and `column`).
    public init(line: Int, column: String? = nil, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = column.map { "line \(line), column \($0)" } ?? "line \(line)"
        return "csv: \(place): \(message)"
    }
}
