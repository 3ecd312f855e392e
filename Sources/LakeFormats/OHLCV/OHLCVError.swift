/// Why a table could not be read as bars or trades: a missing column, or a bad value at a
/// row (reported as its CSV line when the table came from CSV).
public struct OHLCVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, located.
    public let message: String

    init(_ message: String) { self.message = message }

    static func missing(_ field: String, aliases: [String], available: [String]) -> OHLCVError {
        OHLCVError("no \(field) column (looked for \(aliases.joined(separator: "/")); found \(available.joined(separator: ", ")))")
    }

    static func badValue(_ reason: String, column: String, row: Int, lines: [Int]?) -> OHLCVError {
        let place = lines.map { "line \($0[row])" } ?? "row \(row + 1)"
        return OHLCVError("\(place), column \(column): \(reason)")
    }

    static func badValue(_ reason: String, column: String, line: Int) -> OHLCVError {
        OHLCVError("line \(line), column \(column): \(reason)")
    }

    public var description: String { message }
}
