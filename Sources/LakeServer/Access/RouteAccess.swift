import LakeHTTP

/// What a route needs from its caller, and the one table that says it for every route.
///
/// Routes are classified here and nowhere else: ``LakeService`` gives each route, as it is
/// registered, the ``APIKeyMiddleware`` its class asks for, and a route missing from
/// ``table`` is refused to everyone but admin keys (and fails `RouteAccessTests`), so a new
/// route cannot silently stay open.
public enum RouteAccess: String, Sendable, CaseIterable {
    /// Liveness probes: open in every mode (load balancers carry no key).
    case health
    /// Targets of presigned URLs (the local lake's `/lake/…`): the URL's signature is the
    /// credential, handed out by a caller that held `ingest`; a key is never asked for.
    case presigned
    /// Reads: open unless `AUTH_MODE=all`, then the `read` scope.
    case read
    /// Writes (uploads, presigning, trade ingest): the `ingest` scope unless `AUTH_MODE=off`.
    case ingest
    /// Operations (sync, compaction, cache deletion, stream admin views): the `admin` scope unless `AUTH_MODE=off`.
    case admin

    /// The scope a request needs in `mode`, nil when it needs no key.
    public func requiredScope(in mode: AuthMode) -> APIScope? {
        switch (self, mode) {
        case (_, .off), (.health, _), (.presigned, _), (.read, .writes): nil
        case (.read, .all): .read
        case (.ingest, _): .ingest
        case (.admin, _): .admin
        }
    }

    /// The class of `method pattern` (as registered); unlisted routes count as ``admin``.
    public static func of(_ method: HTTPMethod, _ pattern: String) -> RouteAccess {
        table["\(method.rawValue) \(pattern)"] ?? .admin
    }

    /// Whether `method pattern` is in ``table``.
    public static func isClassified(_ method: HTTPMethod, _ pattern: String) -> Bool {
        table["\(method.rawValue) \(pattern)"] != nil
    }

    /// The only route that also takes its key as `?api_key=`: browsers cannot set headers on
    /// a WebSocket handshake. Everywhere else a query string would put the secret in proxy logs.
    public static let queryKeyPatterns: Set<String> = ["/ws/stream"]

    /// Every route, by `METHOD pattern` exactly as registered.
    public static let table: [String: RouteAccess] = [
        // Seed 000/001 status and health.
        "GET /health": .health,
        "GET /status": .read,
        // Seed 001: symbols, objects, presigning, uploads.
        "GET /symbols": .read,
        "GET /symbols/{symbol}/partitions": .read,
        "GET /object": .read,
        "POST /presign/upload": .ingest,
        // A presigned URL is a bearer credential that outlives the request (and the key):
        // handing one out, even for a download, needs `ingest`.
        "POST /presign/download": .ingest,
        "POST /upload": .ingest,
        "POST /uploads/complete": .ingest,
        "GET /lake/objects/**": .presigned,
        "PUT /lake/objects/**": .presigned,
        "POST /lake/form": .presigned,
        // Seed 000: bars, latest, search, cache.
        "POST /api/v1/bars": .read,
        "POST /api/v1/bars/multiple": .read,
        "GET /api/v1/latest/{symbol}": .read,
        "POST /api/v1/validate": .read,
        "GET /api/v1/search": .read,
        "GET /api/v1/cache/stats": .read,
        "DELETE /api/v1/cache": .admin,
        "GET /api/v1/rate-limit": .read,
        // Seed 002: data, tickers, monitoring, admin, stream.
        "GET /api/v1/data/trades/{symbol}": .read,
        "GET /api/v1/data/trades/{symbol}/latest": .read,
        "GET /api/v1/tickers": .read,
        "GET /api/v1/tickers/{symbol}": .read,
        "GET /api/v1/tickers/{symbol}/mvs": .read,
        "GET /api/v1/monitoring/health": .read,
        "GET /api/v1/monitoring/system/info": .read,
        "POST /api/v1/admin/system/sync": .admin,
        "POST /api/v1/admin/compact": .admin,
        "GET /api/v1/admin/websocket/status": .admin,
        "GET /api/v1/admin/websocket/connections": .admin,
        "GET /ws/stream": .read,
        // Seed 003: trade ingest and OHLC stats.
        "POST /v1/trades/ingest": .ingest,
        "GET /v1/stats/ohlc": .read,
        // Seed 004: daily prices.
        "GET /v1/stocks/{code}/prices": .read,
    ]
}
