/// Why an object key, prefix or partition value does not fit the lake layout.
///
/// ``kind`` is stable for tests and error codes; ``reason`` is a sentence for people (the
/// HTTP layer returns it as the 4xx `message`).
public struct LayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: Hashable, Sendable {
        /// Longer than ``PartitionKey/maximumKeyLength`` bytes.
        case tooLong
        /// Starts with `/`.
        case absolutePath
        /// Contains `//`, or a prefix or key is empty where a segment is needed.
        case emptySegment
        /// Contains a `.` or `..` segment.
        case traversal
        /// Contains a control character, a backslash, or a character a value may not hold.
        case invalidCharacter
        /// A `%` escape that is not two hex digits, or that decodes to `/` or invalid UTF-8.
        case badEscape
        /// Does not start with the lake's base prefix.
        case outsidePrefix
        /// A `name=value` segment other than the one expected at that position.
        case unexpectedSegment
        /// The key ends before a required segment or the file name.
        case missingSegment
        /// A value that does not parse (timeframe, year, month, day, symbol, exchange).
        case invalidValue
        /// A date that does not exist (month 13, April 31, February 29 of a common year).
        case impossibleDate
        /// The partition stops earlier than the timeframe allows (`1m` without `day=`).
        case granularity
        /// A file that is not `.parquet`, `.csv` or `.csv.gz`, or a bad file name.
        case unsupportedFile
    }

    /// The class of problem.
    public let kind: Kind
    /// What is wrong, in a sentence that names the offending part.
    public let reason: String

    /// An error of `kind` explained by `reason`.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
