import Foundation
import LakeCatalog
import LakeHTTP
import LakeQuery
import LakeStorage
import Synchronization

/// The running lake service: configuration, the lake, the catalog synchronizer, presigning,
/// uploads, trade ingest, and the HTTP server answering seed 001's endpoints (plus `/status` and the admin
/// sync of seeds 000 and 002).
///
/// ```swift
/// let service = try LakeService(configuration: try ServerConfiguration.resolve(environment: env))
/// try await service.run()   // serves until SIGTERM/SIGINT
/// ```
public final class LakeService: Sendable {
    /// What the service runs with.
    public let configuration: ServerConfiguration
    /// The store and its catalog.
    public let lake: Lake
    /// Background and on-demand catalog syncs.
    public let synchronizer: CatalogSynchronizer
    /// Local copies of remote objects, shared by every query (unused for a local lake).
    public let objectCache: ObjectCache
    /// Reads the objects of query plans, through ``objectCache``.
    let queryLoader: ObjectLoader
    let presign: PresignService
    let localSigner: LocalURLSigner?
    let uploads: UploadProcessor
    let ingestor: TradeIngestor
    /// Merges crowded partitions (admin endpoint, background when `COMPACT_INTERVAL` is set).
    public let compactor: PartitionCompactor
    /// Seed 002's live candles over `/ws/stream`.
    let streams: StreamHub
    let metrics = SystemMetrics()
    /// Per-client rate limits (nil when `RATE_LIMIT_PER_MINUTE` is 0); see ``accessControl``.
    let rateLimiter: RateLimiter?
    /// The allowlist and the rate limit in front of every route but ``unlimitedPaths``.
    let accessControl: AccessControlMiddleware
    /// API keys of the catalog, checked on the routes `AUTH_MODE` guards (see ``RouteAccess``).
    public let apiKeys: APIKeyVerifier
    let logger: Logger
    let startedAt = Date()
    private struct Running {
        var server: HTTPServer?
        var sync: Task<Void, Never>?
        var compaction: Task<Void, Never>?
    }
    private let running = Mutex(Running())

    /// A service over `lake` (default: the lake `configuration` describes).
    public init(configuration: ServerConfiguration, lake: Lake? = nil) throws {
        self.configuration = configuration
        logger = Logger(label: "candlelake", level: configuration.logLevel)
        let lake = try lake ?? Lake.open(configuration)
        self.lake = lake
        let objectCache = try ObjectCache(directory: configuration.cacheDirectory, ttlSeconds: configuration.cacheTTL,
                                          maximumBytes: configuration.cacheMaxBytes)
        self.objectCache = objectCache
        queryLoader = ObjectLoader(store: lake.store, cache: objectCache, rangedReadThreshold: configuration.rangedReadThreshold)
        // Upload spools and CSV objects a sync scans; what a crash left behind is swept now.
        let scratchDirectory = configuration.cacheDirectory + "/uploads"
        ScratchFile.sweep(directory: scratchDirectory, maximumAge: configuration.cacheTTL)
        synchronizer = CatalogSynchronizer(lake: lake, scratchDirectory: scratchDirectory,
                                           logger: Logger(label: "sync", level: configuration.logLevel)) { keys in
            objectCache.invalidate(objectKeys: keys)
        }
        if let s3Store = lake.store as? S3Store {
            presign = .s3(s3Store)
            localSigner = nil
        } else {
            let signer = LocalURLSigner(secret: try LocalURLSigner.secret(configured: configuration.presignSecret,
                                                                          directory: configuration.dataDirectory),
                                        baseURL: configuration.effectivePublicURL)
            presign = .local(signer)
            localSigner = signer
        }
        uploads = UploadProcessor(lake: lake, spoolDirectory: scratchDirectory, maximumBytes: configuration.uploadMaxBytes) { key in
            objectCache.invalidate(objectKeys: [key])
        }
        ingestor = TradeIngestor(lake: lake, retentionDays: configuration.ingestIdempotencyDays) { keys in
            objectCache.invalidate(objectKeys: keys)
        }
        compactor = PartitionCompactor(lake: lake) { keys in objectCache.invalidate(objectKeys: keys) }
        let rateLimiter = configuration.rateLimiterSettings.map { RateLimiter(settings: $0) }
        self.rateLimiter = rateLimiter
        accessControl = Self.makeAccessControl(configuration: configuration, limiter: rateLimiter)
        apiKeys = APIKeyVerifier(catalog: lake.catalog)
        streams = Self.makeStreamHub(queries: Self.queryService(catalog: lake.catalog, configuration: configuration, loader: queryLoader),
                                     catalog: lake.catalog, configuration: configuration,
                                     logger: Logger(label: "stream", level: configuration.logLevel))
    }

    /// The HTTP server settings: address, workers and gzip level from the configuration. Request bodies
    /// keep LakeHTTP's 16 MiB default; upload routes set their own limits.
    public var httpConfiguration: HTTPServerConfiguration {
        var http = HTTPServerConfiguration(host: configuration.host, port: configuration.port, workers: configuration.workers)
        http.compressionLevel = Int32(configuration.gzipLevel)
        return http
    }

    /// Binds the server, starts the background catalog sync (at once, then every
    /// `SYNC_INTERVAL` seconds) and returns the bound port. Requests are answered while the
    /// first sync runs; `/status` reports it.
    @discardableResult
    public func start(handlesSignals: Bool = true) throws -> Int {
        var http = httpConfiguration
        http.handlesSignals = handlesSignals
        let server = HTTPServer(configuration: http, responder: makeRouter(), logger: Logger(label: "http", level: configuration.logLevel))
        let port = try server.start()
        if configuration.publicURL == nil, let localSigner {
            var bound = configuration
            bound.port = port
            localSigner.baseURL = bound.effectivePublicURL
        }
        let sync = synchronizer.startBackground(interval: configuration.syncInterval)
        let compaction = compactor.startBackground(interval: configuration.compactInterval, minimumParts: configuration.compactMinParts,
                                                   logger: Logger(label: "compaction", level: configuration.logLevel))
        streams.start()
        running.withLock { $0 = Running(server: server, sync: sync, compaction: compaction) }
        logger.info("lake service started", [("store", lake.location.root + lake.listingPrefix), ("port", String(port))])
        return port
    }

    /// Starts (unless started) and serves until SIGTERM/SIGINT or ``shutdown()``.
    public func run() async throws {
        if running.withLock({ $0.server == nil }) { try start() }
        guard let server = running.withLock({ $0.server }) else { return }
        try await server.run()
        running.withLock { $0.sync?.cancel(); $0.compaction?.cancel() }
        streams.stop()
    }

    /// Stops the background sync and compaction and the server, letting in-flight requests finish.
    public func shutdown() async {
        // Taken out, not just read: the server's routes hold the service, so a server kept here
        // after it stopped would keep the service — and its catalog's open files — alive for ever.
        let (server, sync, compaction) = running.withLock { state in
            defer { state = Running() }
            return (state.server, state.sync, state.compaction)
        }
        sync?.cancel()
        compaction?.cancel()
        streams.stop()
        server?.shutdown()
        await server?.waitUntilStopped()
    }

    /// Seconds since the service was created.
    var uptime: Double { Date().timeIntervalSince(startedAt) }

    /// Whole seconds since the service was created.
    var uptimeSeconds: Int { Int(uptime) }

    /// The router with middleware and every route.
    public func makeRouter() -> Router {
        let router = Router()
        // Browser clients must read the paging headers of /symbols and the headers of ranged object reads.
        router.use(CORSMiddleware(originList: configuration.corsOrigins,
                                  exposedHeaders: ["X-Request-ID", "X-Next-Cursor", "Link", "ETag", "Content-Range", "Accept-Ranges",
                                                   "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                                                   "WWW-Authenticate"]))
        // Inside CORS, so that browsers may read a 403/429; preflights are answered before it.
        router.use(accessControl)
        // Innermost, after the rate limit, so that guessing keys is rate limited too.
        router.useForEachRoute(APIKeyMiddleware.provider(mode: configuration.authMode, verifier: apiKeys) { error, request in
            try Self.refusal(error, for: request)
        })
        registerStatusRoutes(on: router)
        registerSymbolRoutes(on: router)
        registerObjectRoutes(on: router)
        registerUploadRoutes(on: router)
        registerIngestRoutes(on: router)
        registerAdminRoutes(on: router)
        registerCompactionRoutes(on: router)
        registerMarketDataRoutes(on: router)
        registerMultipleBarsRoute(on: router)
        registerSymbolQueryRoutes(on: router)
        registerTickerRoutes(on: router)
        registerTradeDataRoutes(on: router)
        registerSystemInfoRoute(on: router)
        registerCacheRoutes(on: router)
        registerRateLimitRoutes(on: router)
        registerStreamRoutes(on: router)
        if localSigner != nil { registerLocalObjectRoutes(on: router) }
        return router
    }
}
