/// An HTTP request method: a case-sensitive token (RFC 9110 §9.1).
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    /// The method token, e.g. `"GET"`.
    public let rawValue: String

    /// Wraps a method token. The parser only produces valid tokens.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod("GET")
    public static let head = HTTPMethod("HEAD")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let delete = HTTPMethod("DELETE")
    public static let patch = HTTPMethod("PATCH")
    public static let options = HTTPMethod("OPTIONS")
    public static let connect = HTTPMethod("CONNECT")
    public static let trace = HTTPMethod("TRACE")

    public var description: String { rawValue }
}

/// The protocol version of a request line; only HTTP/1.0 and HTTP/1.1 get this far.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version.
    public let major: Int
    /// The minor version.
    public let minor: Int

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}
