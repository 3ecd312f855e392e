/// Why Thrift compact bytes could not be decoded.
public struct ThriftError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the input the problem was found.
    public let offset: Int
    /// What was wrong, for people.
    public let reason: String

    /// An error at `offset`.
    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "thrift: \(reason) at byte \(offset)" }
}
