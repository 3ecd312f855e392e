/// The bounds the request parser enforces. Each is checked on every chunk of input before
/// anything is stored, so a hostile client can make the server hold at most these many bytes
/// per connection.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line (method, target, version and the CRLF) in bytes. A target that
    /// crosses it is answered with 414, anything else with 400. Default: 8 KiB.
    public var maxRequestLineLength: Int = 8 * 1024
    /// Total bytes of all header field lines (and separately of all trailer lines). Crossing
    /// it is answered with 431. Default: 16 KiB.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields (and, separately, trailer fields) in one request. More get 431.
    /// Default: 100.
    public var maxHeaderCount: Int = 100
    /// Largest request body, declared (`Content-Length`) or received (chunked). Larger bodies
    /// get 413 before they are read. Default: 16 MiB.
    public var maxBodySize: Int = 16 * 1024 * 1024
    /// Longest chunk-size line, including chunk extensions. Longer ones get 400. Default: 4 KiB.
    public var maxChunkLineLength: Int = 4 * 1024
    /// Most empty lines tolerated before a request line (RFC 9112 §2.2). Default: 8.
    public var maxLeadingEmptyLines: Int = 8

    /// The defaults listed on each property.
    public init() {}
}

/// Why a request was refused: the status to answer with (the connection is then closed) and
/// a short reason for the error body and the log.
public struct HTTPParserError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The status the server answers with.
    public let status: HTTPStatus
    /// What was wrong, e.g. `"whitespace before colon in header field"`.
    public let reason: String

    /// An error with an explicit status.
    public init(_ status: HTTPStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    static func badRequest(_ reason: String) -> HTTPParserError { HTTPParserError(.badRequest, reason) }

    public var description: String { "\(status.code): \(reason)" }
}
