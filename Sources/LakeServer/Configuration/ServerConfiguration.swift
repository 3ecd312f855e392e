import Foundation
import LakeCore
import LakeHTTP
import LakeStorage

/// Everything `candlelake serve` runs with, resolved from defaults, `Config/candlelake.conf`,
/// the environment and flags (each overriding the one before). Every key, its default and
/// meaning is documented in `Config/candlelake.conf`.
///
/// ```swift
/// let configuration = try ServerConfiguration.resolve(environment: ProcessInfo.processInfo.environment,
///                                                     flags: ["SERVER_PORT": ("0", "--port")])
/// ```
public struct ServerConfiguration: Sendable {
    /// `SERVER_HOST`: address to bind. Default `0.0.0.0`.
    public var host = "0.0.0.0"
    /// `SERVER_PORT`: TCP port, 0 for any free one. Default 8200.
    public var port = 8200
    /// `SERVER_WORKERS`: event-loop threads; nil for one per core.
    public var workers: Int?
    /// `CORS_ORIGINS`: comma-separated allowed origins. Default `*`.
    public var corsOrigins = "*"
    /// `DATA_DIR`: the embedded lake, the catalog and the presign secret. Default `./data`.
    public var dataDirectory = "data"
    /// `CACHE_DIR`: upload spool and cached downloads. Default `DATA_DIR/cache`.
    public var cacheDirectory = "data/cache"
    /// `CACHE_TTL`: seconds a cached or spooled file may live. Default 3600.
    public var cacheTTL = 3600
    /// `CACHE_MAX_BYTES`: bound of the on-disk object cache under `CACHE_DIR/objects`. Default 2 GiB.
    public var cacheMaxBytes: Int64 = 2 << 30
    /// `RANGED_READ_THRESHOLD`: remote Parquet objects above this many bytes are read by ranges
    /// (footer, then only the needed column chunks) instead of downloaded whole. Default 2 MiB.
    public var rangedReadThreshold: Int64 = 2 << 20
    /// `LOG_LEVEL`. Default `info`.
    public var logLevel = Logger.Level.info
    /// `CATALOG_PATH`: the SQLite catalog. Default `DATA_DIR/catalog.sqlite`.
    public var catalogPath = "data/catalog.sqlite"
    /// `S3_BUCKET`: the lake's bucket; nil serves the local-directory lake under `DATA_DIR/lake`.
    public var bucket: String?
    /// `S3_BASE_PREFIX`: key prefix of the lake inside the bucket (or directory), normalised.
    public var basePrefix = ""
    /// S3 client settings (`AWS_REGION`, `AWS_ENDPOINT_URL_S3`, …) when a bucket is configured.
    public var s3: S3Configuration?
    /// Where AWS credentials are looked up (file values overridden by the environment).
    public var credentialEnvironment: [String: String] = [:]
    /// `SYNC_INTERVAL`: seconds between background catalog syncs; 0 disables them. Default 300.
    public var syncInterval = 300
    /// `COMPACT_INTERVAL`: seconds between background compactions of closed partitions
    /// (see ``PartitionCompactor``); 0 disables them. Default 3600.
    public var compactInterval = 3600
    /// `COMPACT_MIN_PARTS`: a closed partition is compacted in the background once it holds
    /// this many objects. Default 100.
    public var compactMinParts = 100
    /// `GZIP_LEVEL`: zlib level of gzip'd responses, 1 (fastest) … 9 (smallest). Default 1.
    public var gzipLevel = 1
    /// `STREAM_HEARTBEAT_SECONDS`: seconds between `/ws/stream` heartbeats. Default 30.
    public var streamHeartbeatSeconds = 30
    /// `STREAM_MAX_CONNECTIONS_PER_IP`: open `/ws/stream` connections one address may hold (seed 002: 10).
    public var streamMaxConnectionsPerIP = 10
    /// `PRESIGN_DEFAULT_EXPIRES`: lifetime of a presigned URL when the request names none. Default 3600.
    public var presignDefaultExpires = 3600
    /// `PRESIGN_MAX_EXPIRES`: longest lifetime a client may ask for (S3 allows 7 days). Default 86400.
    public var presignMaxExpires = 86_400
    /// `UPLOAD_MAX_BYTES`: largest object accepted by `/upload` and presigned uploads. Default 256 MiB.
    public var uploadMaxBytes = 256 << 20
    /// `EXCHANGE_TIME_ZONES`: `KRX=Asia/Seoul,TASE=Asia/Jerusalem` on top of the built-in table.
    public var exchangeTimeZones = try! ExchangeTimeZones()
    /// `PUBLIC_URL`: how clients reach this server, for presigned URLs of the local lake.
    /// Default `http://HOST:PORT` (127.0.0.1 when bound to all interfaces).
    public var publicURL: String?
    /// `PRESIGN_SECRET`: HMAC key of local presigned URLs; generated and kept in `DATA_DIR` if unset.
    public var presignSecret: String?
    /// `QUERY_MAX_RANGE_DAYS`: the longest time range one bar query may span; nil (set as 0)
    /// for no limit. Default 3660 (ten years and leap days).
    public var queryMaxRangeDays: Int? = 3660
    /// `SYMBOL_ACTIVE_DAYS`: a symbol without reference data counts as active when the lake has
    /// a bar from the last this many days. Default 14 (long exchange holidays included).
    public var symbolActiveDays = 14
    /// `INGEST_IDEMPOTENCY_DAYS`: how long the answer to an ingest batch is kept for repeats;
    /// nil (set as 0) for ever. Default 30.
    public var ingestIdempotencyDays: Int? = 30

    /// `RATE_LIMIT_PER_MINUTE`: requests per minute each client address is refilled at (seed
    /// 002: 1200); 0 turns rate limiting off. See ``readAccessSettings(_:)``.
    public var rateLimitPerMinute = 1200
    /// `RATE_LIMIT_BURST`: requests a client may send at once on top of the steady rate. Default 200.
    public var rateLimitBurst = 200
    /// `TRUSTED_PROXIES`: peers (addresses, CIDR ranges) whose `X-Forwarded-For` names the
    /// client. Default none: the socket's peer is the client.
    public var trustedProxies = IPNetworkList([])
    /// `ALLOWED_IPS`: the only client addresses (and CIDR ranges) served; nil (unset) serves everyone.
    public var allowedIPs: IPNetworkList?
    /// `AUTH_MODE`: which routes need an API key — `off` (default: none, as the seeds' clients
    /// send none), `writes` (uploads, presigning, ingest, admin, cache deletion) or `all`
    /// (every route but `/health`). See ``RouteAccess``.
    public var authMode = AuthMode.off

    /// The defaults.
    public init() {}

    /// Largest `UPLOAD_MAX_BYTES`. `POST /upload` streams to disk, but the local lake's
    /// presigned PUT/POST targets still collect the body in memory while it arrives, so this
    /// also bounds their memory per upload.
    public static let uploadLimitCeiling = 4 << 30

    /// Flags of `candlelake serve` and the keys they set.
    public static let flagKeys: [(flag: String, key: String)] = [
        ("host", "SERVER_HOST"), ("port", "SERVER_PORT"), ("workers", "SERVER_WORKERS"), ("data-dir", "DATA_DIR"),
        ("cache-dir", "CACHE_DIR"), ("catalog", "CATALOG_PATH"), ("bucket", "S3_BUCKET"), ("prefix", "S3_BASE_PREFIX"),
        ("sync-interval", "SYNC_INTERVAL"), ("log-level", "LOG_LEVEL"), ("public-url", "PUBLIC_URL"),
        ("upload-max-bytes", "UPLOAD_MAX_BYTES"), ("query-max-range-days", "QUERY_MAX_RANGE_DAYS"),
    ]

    /// Resolves the configuration from its layers.
    /// - Parameters:
    ///   - file: the parsed configuration file, if any, named `fileName` in messages.
    ///   - flags: key → (value, flag as typed) for settings given on the command line.
    /// - Throws: ``ConfigurationError`` naming the first bad key and where it came from.
    public static func resolve(file: ConfigFile? = nil, fileName: String = "config", environment: [String: String],
                               flags: [String: (value: String, flag: String)] = [:]) throws(ConfigurationError) -> ServerConfiguration {
        let sources = ConfigurationSources(flags: flags, environment: environment, file: file, fileName: fileName)
        var configuration = ServerConfiguration()
        try configuration.readServerSettings(sources)
        try configuration.readLakeSettings(sources)
        try configuration.readQuerySettings(sources)
        try configuration.readAccessSettings(sources)
        return configuration
    }

    private mutating func readServerSettings(_ sources: ConfigurationSources) throws(ConfigurationError) {
        host = try sources.value("SERVER_HOST", default: host, expected: "an IP address or host name") { $0.isEmpty || $0.contains(" ") ? nil : $0 }
        port = try sources.integer("SERVER_PORT", default: port, in: 0...65_535)
        if sources.lookup("SERVER_WORKERS") != nil { workers = try sources.integer("SERVER_WORKERS", default: 1, in: 1...1024) }
        corsOrigins = try sources.value("CORS_ORIGINS", default: corsOrigins, expected: "'*' or comma-separated origins") { text in
            text.split(separator: ",").allSatisfy { origin in
                let trimmed = origin.trimmingWhitespace
                return trimmed == "*" || trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://")
            } ? text : nil
        }
        logLevel = try sources.value("LOG_LEVEL", default: logLevel, expected: "trace, debug, info, warning, error or critical") { Logger.Level(name: $0) }
        dataDirectory = try sources.value("DATA_DIR", default: dataDirectory, expected: "a directory path") { $0.isEmpty ? nil : $0 }
        cacheDirectory = try sources.value("CACHE_DIR", default: dataDirectory + "/cache", expected: "a directory path") { $0.isEmpty ? nil : $0 }
        catalogPath = try sources.value("CATALOG_PATH", default: dataDirectory + "/catalog.sqlite", expected: "a file path") { $0.isEmpty ? nil : $0 }
        cacheTTL = try sources.integer("CACHE_TTL", default: cacheTTL, in: 1...(365 * 86_400))
        cacheMaxBytes = Int64(try sources.integer("CACHE_MAX_BYTES", default: Int(cacheMaxBytes), in: (1 << 20)...(1 << 50)))
        rangedReadThreshold = Int64(try sources.integer("RANGED_READ_THRESHOLD", default: Int(rangedReadThreshold), in: 0...(1 << 40)))
        syncInterval = try sources.integer("SYNC_INTERVAL", default: syncInterval, in: 0...(7 * 86_400))
        compactInterval = try sources.integer("COMPACT_INTERVAL", default: compactInterval, in: 0...(7 * 86_400))
        compactMinParts = try sources.integer("COMPACT_MIN_PARTS", default: compactMinParts, in: 2...10_000_000)
        gzipLevel = try sources.integer("GZIP_LEVEL", default: gzipLevel, in: 1...9)
        streamHeartbeatSeconds = try sources.integer("STREAM_HEARTBEAT_SECONDS", default: streamHeartbeatSeconds, in: 1...86_400)
        streamMaxConnectionsPerIP = try sources.integer("STREAM_MAX_CONNECTIONS_PER_IP", default: streamMaxConnectionsPerIP, in: 1...100_000)
        publicURL = try sources.optionalValue("PUBLIC_URL", expected: "an http(s):// URL without a path") { text in
            let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
            guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                  url.path.isEmpty, url.query == nil else { return nil }
            return trimmed
        }
        presignSecret = try sources.optionalValue("PRESIGN_SECRET", expected: "at least 32 characters") { $0.utf8.count >= 32 ? $0 : nil }
    }

    private mutating func readLakeSettings(_ sources: ConfigurationSources) throws(ConfigurationError) {
        bucket = try sources.optionalValue("S3_BUCKET", expected: "an S3 bucket name (3–63 of a-z 0-9 . -)") { Self.isBucketName($0) ? $0 : nil }
        if let (text, source) = sources.lookup("S3_BASE_PREFIX") {
            do {
                basePrefix = try PartitionKey.normalizedPrefix(text)
            } catch {
                throw ConfigurationError(key: "S3_BASE_PREFIX", source: source, error.reason)
            }
        }
        presignDefaultExpires = try sources.integer("PRESIGN_DEFAULT_EXPIRES", default: presignDefaultExpires, in: 1...604_800)
        presignMaxExpires = try sources.integer("PRESIGN_MAX_EXPIRES", default: max(presignMaxExpires, presignDefaultExpires), in: 1...604_800)
        if presignDefaultExpires > presignMaxExpires {
            throw ConfigurationError(key: "PRESIGN_DEFAULT_EXPIRES", source: sources.lookup("PRESIGN_DEFAULT_EXPIRES")?.source ?? "default",
                                     "\(presignDefaultExpires) exceeds PRESIGN_MAX_EXPIRES (\(presignMaxExpires))")
        }
        uploadMaxBytes = try sources.integer("UPLOAD_MAX_BYTES", default: uploadMaxBytes, in: 1...Self.uploadLimitCeiling)
        if let (text, source) = sources.lookup("EXCHANGE_TIME_ZONES") {
            exchangeTimeZones = try Self.timeZones(text, source: source)
        }
        credentialEnvironment = sources.storeEnvironment
        guard bucket != nil else { return }
        do {
            s3 = try S3Configuration.fromEnvironment(credentialEnvironment)
        } catch let error as S3ConfigurationError {
            throw ConfigurationError(key: error.variable, source: sources.lookup(error.variable)?.source ?? "environment",
                                     "'\(error.value)' is not \(error.expected)")
        } catch {
            throw ConfigurationError(key: nil, source: "S3 settings", "\(error)")
        }
    }

    private mutating func readQuerySettings(_ sources: ConfigurationSources) throws(ConfigurationError) {
        let maximumDays = try sources.integer("QUERY_MAX_RANGE_DAYS", default: queryMaxRangeDays ?? 0, in: 0...36_600)
        queryMaxRangeDays = maximumDays == 0 ? nil : maximumDays
        symbolActiveDays = try sources.integer("SYMBOL_ACTIVE_DAYS", default: symbolActiveDays, in: 1...3660)
        let idempotencyDays = try sources.integer("INGEST_IDEMPOTENCY_DAYS", default: ingestIdempotencyDays ?? 0, in: 0...36_600)
        ingestIdempotencyDays = idempotencyDays == 0 ? nil : idempotencyDays
    }

    /// `KRX=Asia/Seoul, TASE=Asia/Jerusalem`.
    private static func timeZones(_ text: String, source: String) throws(ConfigurationError) -> ExchangeTimeZones {
        var overrides: [String: String] = [:]
        for pair in text.split(separator: ",") where !pair.trimmingWhitespace.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0.trimmingWhitespace) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConfigurationError(key: "EXCHANGE_TIME_ZONES", source: source, "'\(pair)' is not EXCHANGE=Area/City")
            }
            overrides[parts[0]] = parts[1]
        }
        do {
            return try ExchangeTimeZones(overrides: overrides)
        } catch {
            throw ConfigurationError(key: "EXCHANGE_TIME_ZONES", source: source, error.description)
        }
    }

    /// S3's rules for new buckets: 3–63 characters of lowercase letters, digits, `.` and `-`,
    /// starting and ending with a letter or digit.
    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") } && !name.contains("..")
    }

    /// The base URL local presigned URLs point at.
    public var effectivePublicURL: String {
        if let publicURL { return publicURL }
        let reachableHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://" + (reachableHost.contains(":") ? "[\(reachableHost)]" : reachableHost) + ":\(port)"
    }
}
