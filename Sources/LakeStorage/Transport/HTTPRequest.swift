/// One HTTP request for `CurlTransport`: the body is in memory so a retry can send it again.
public struct HTTPRequest: Sendable {
    /// `GET`, `PUT`, …
    public var method: String
    /// Absolute URL, already percent-encoded.
    public var url: String
    /// Headers to send (curl adds `Host`, `Content-Length` and `Accept`).
    public var headers: [(name: String, value: String)]
    /// Request body; sent with `Content-Length` for `PUT` and `POST` even when empty.
    public var body: [UInt8]
    /// Connection and stall limits.
    public var timeouts: HTTPTimeouts
    /// Hand the body to the sink only for `206 Partial Content` (a resumed download must
    /// not receive a whole object again from a server that ignored `Range`).
    public var sinkRequiresPartialContent = false

    /// A request.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                timeouts: HTTPTimeouts = HTTPTimeouts()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}

/// How long a transfer may take to connect, and how long it may stall.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Time to establish the connection (TCP and TLS).
    public var connect: Duration
    /// Abort when slower than `lowSpeedLimit` bytes/s for this long (whole seconds, ≥ 1).
    public var lowSpeedTime: Duration
    /// Bytes per second that count as progress.
    public var lowSpeedLimit: Int
    /// Optional cap on the whole transfer; nil for none (large objects take long).
    public var total: Duration?

    /// Timeouts; defaults: 5 s to connect, abort after 30 s below 1 byte/s, no total cap.
    public init(connect: Duration = .seconds(5), lowSpeedTime: Duration = .seconds(30), lowSpeedLimit: Int = 1, total: Duration? = nil) {
        self.connect = connect
        self.lowSpeedTime = lowSpeedTime
        self.lowSpeedLimit = lowSpeedLimit
        self.total = total
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a tiny positive duration never becomes 0
    /// (which curl reads as "no limit").
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
