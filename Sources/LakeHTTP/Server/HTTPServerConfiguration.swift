import Glibc

/// Everything tunable about an ``HTTPServer``, each with a documented default.
///
/// ```swift
/// var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
/// configuration.limits.maxBodySize = 64 * 1024 * 1024
/// ```
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind. Default: `"0.0.0.0"` (all IPv4 interfaces); `"::"` for IPv6.
    public var host: String
    /// TCP port; 0 picks a free one (see ``HTTPServer/port``). Default: 8200.
    public var port: Int
    /// Event-loop threads; each accepts from the shared listening socket.
    /// Default: the number of CPU cores (`SERVER_WORKERS` in the CLI).
    public var workers: Int
    /// Parser limits (request line 8 KiB, headers 16 KiB / 100 fields, body 16 MiB — a route
    /// may set its own body limit, see ``RequestBodyOptions``).
    public var limits = HTTPParserLimits()
    /// Open connections (HTTP and WebSocket) across all loops; one more is answered with
    /// `503` and closed. Default: 16,384.
    public var maxConnections = 16_384
    /// `listen(2)` backlog. Default: 1,024.
    public var backlog: Int32 = 1_024
    /// Time to receive a complete request head, from the first byte (or from accepting the
    /// connection) — the slowloris guard. Answered with 408. Default: 10 s.
    public var headerReadTimeout: Duration = .seconds(10)
    /// Longest pause between two reads of a request body. Answered with 408. Default: 30 s.
    public var bodyReadTimeout: Duration = .seconds(30)
    /// How long a keep-alive connection may sit idle between requests. Default: 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// Longest time a pending write may make no progress (a client that stopped reading)
    /// before the connection is dropped. Default: 30 s.
    public var writeTimeout: Duration = .seconds(30)
    /// Pipelined requests handled concurrently per connection; reading pauses beyond it.
    /// Responses always go out in request order. Default: 16.
    public var maxPipelinedRequests = 16
    /// Buffered outbound bytes above which a streaming producer waits. Default: 256 KiB.
    public var writeHighWaterMark = 256 * 1024
    /// Buffered outbound bytes below which a waiting producer resumes. Default: 64 KiB.
    public var writeLowWaterMark = 64 * 1024
    /// Request-body bytes buffered for a streaming handler above which the connection stops
    /// reading from the socket (see ``RequestBodyOptions/streamed(maxSize:)``). Default: 1 MiB.
    public var requestBodyHighWaterMark = 1024 * 1024
    /// Buffered request-body bytes below which a paused connection reads again. Default: 256 KiB.
    public var requestBodyLowWaterMark = 256 * 1024
    /// When a streaming handler answers without reading its whole body, at most this many
    /// unread `Content-Length` bytes are read and discarded to keep the connection; a larger
    /// or chunked remainder (or one the client holds back for `100 Continue`) closes the
    /// connection after the response instead. Default: 1 MiB.
    public var maxDiscardedBodySize = 1024 * 1024
    /// Gzip fully-known bodies of compressible types at least this large when the client
    /// accepts gzip (streamed bodies of unknown length are gzipped chunk by chunk whatever
    /// their size); nil disables compression. Default: 1,024 bytes.
    public var compressionMinimumSize: Int? = 1_024
    /// zlib level of gzip'd responses, 1 (fastest) … 9 (smallest). Default 1, as nginx's
    /// `gzip_comp_level`: on JSON bars it is ~3× faster than level 6 for ~25 % more bytes.
    public var compressionLevel: Int32 = 1
    /// On shutdown, how long in-flight requests may take before connections are cut. Default: 10 s.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Value of the `Server` header. Default: `"CandleLake"`.
    public var serverName = "CandleLake"
    /// Whether ``HTTPServer/run()`` shuts down gracefully on SIGTERM/SIGINT. Default: true.
    public var handlesSignals = true
    /// glibc malloc thresholds set (process-wide) by ``HTTPServer/start()`` so large response
    /// buffers reuse freed heap memory instead of fresh pages; nil leaves malloc alone, and so
    /// does a `GLIBC_TUNABLES` that sets `glibc.malloc.*`. Default: ``MallocThresholds/init()``.
    public var mallocThresholds: MallocThresholds? = MallocThresholds()
    /// WebSocket limits and behaviour.
    public var webSocket = WebSocketConfiguration()

    /// A configuration with the defaults above for everything but the address.
    public init(host: String = "0.0.0.0", port: Int = 8200, workers: Int? = nil) {
        self.host = host
        self.port = port
        self.workers = max(1, workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
