/// An inclusive byte range of an object, as in HTTP `Range: bytes=first-last`.
public struct ByteRange: Sendable, Equatable, CustomStringConvertible {
    /// First byte offset.
    public let first: Int64
    /// Last byte offset (inclusive); nil for "to the end".
    public let last: Int64?

    /// Bytes `first…last`.
    public init(first: Int64, last: Int64?) {
        precondition(first >= 0 && (last.map { $0 >= first } ?? true), "invalid byte range \(first)-\(last.map(String.init) ?? "")")
        self.first = first
        self.last = last
    }

    /// Bytes `range.lowerBound ..< range.upperBound`.
    public init(_ range: Range<Int64>) {
        self.init(first: range.lowerBound, last: range.upperBound - 1)
    }

    /// The `Range` header value.
    public var headerValue: String { "bytes=\(first)-\(last.map(String.init) ?? "")" }

    public var description: String { headerValue }
}
