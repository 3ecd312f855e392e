import Foundation
import LakeHTTP
import LakeQuery

/// Seed 000's cache administration over the service's ``ObjectCache``:
/// `GET /api/v1/cache/stats` and `DELETE /api/v1/cache?symbol=&older_than_days=`.
///
/// The seed's fields (`total_entries`, `total_size_mb`, `top_symbols`, `by_timeframe`,
/// `recent_access`; `files_removed`, `space_freed_mb`, `entries_removed`) come with the bound,
/// the TTL and the counters since start-up, so an operator sees why the cache holds what it holds. A local lake is read in place and never cached, so its cache stays empty.
extension LakeService {
    func registerCacheRoutes(on router: Router) {
        router.get("/api/v1/cache/stats") { [self] _, _ in try JSONBody.response(CacheStatsDocument(objectCache.stats())) }
        router.delete("/api/v1/cache") { [self] request, _ in
            let (symbol, olderThanDays) = try Self.clearParameters(request.query)
            let cleared = objectCache.clear(symbol: symbol, olderThan: olderThanDays.map { $0 * 86_400 })
            logger.info("cache cleared", [("symbol", symbol ?? "*"), ("older_than_days", olderThanDays.map { "\($0)" } ?? "-"),
                                          ("files", String(cleared.filesRemoved)), ("bytes", String(cleared.bytesFreed))])
            return try JSONBody.response(CacheClearDocument(filesRemoved: cleared.filesRemoved,
                                                            spaceFreedMB: Self.megabytes(cleared.bytesFreed),
                                                            entriesRemoved: cleared.entriesRemoved))
        }
    }

    /// `symbol` (non-empty when given) and `older_than_days` (a number ≥ 0 when given).
    static func clearParameters(_ query: QueryParameters) throws(HTTPError) -> (String?, Double?) {
        let symbol = query["symbol"]
        if let symbol, symbol.isEmpty { throw JSONBody.invalid("symbol", "must not be empty (leave it out to clear every symbol)") }
        guard let text = query["older_than_days"] else { return (symbol, nil) }
        guard let days = Double(text), days.isFinite, days >= 0, days <= 36_500 else {
            throw JSONBody.invalid("older_than_days", "'\(text.prefix(40))' is not a number of days in 0…36500")
        }
        return (symbol, days)
    }

    /// Bytes as MB (MiB), to the kilobyte.
    static func megabytes(_ bytes: Int64) -> Double {
        (Double(bytes) / 1_048_576 * 1000).rounded() / 1000
    }

    /// The body of `GET /api/v1/cache/stats`.
    struct CacheStatsDocument: Encodable {
        struct SymbolUsage: Encodable {
            let symbol: String
            let entries: Int
            let sizeMB: Double

            enum CodingKeys: String, CodingKey { case symbol, entries, sizeMB = "size_mb" }
        }
        struct TimeframeUsage: Encodable {
            let timeframe: String
            let entries: Int
            let sizeMB: Double

            enum CodingKeys: String, CodingKey { case timeframe, entries, sizeMB = "size_mb" }
        }
        struct Access: Encodable {
            let key, symbol, timeframe: String
            let sizeMB: Double
            let cachedAt, lastAccess: String
            let hits: Int

            enum CodingKeys: String, CodingKey {
                case key, symbol, timeframe, sizeMB = "size_mb", cachedAt = "cached_at", lastAccess = "last_access", hits
            }
        }

        let totalEntries: Int
        let totalSizeMB: Double
        let topSymbols: [SymbolUsage]
        let byTimeframe: [TimeframeUsage]
        let recentAccess: [Access]
        let maxSizeMB: Double
        let ttlSeconds: Int
        let expiredEntries: Int
        let footerEntries: Int
        let hits, misses, evictions, expirations, invalidations, rangedReads, footerHits, chunkHits: Int
        let hitRate: Double

        enum CodingKeys: String, CodingKey {
            case totalEntries = "total_entries", totalSizeMB = "total_size_mb", topSymbols = "top_symbols"
            case byTimeframe = "by_timeframe", recentAccess = "recent_access", maxSizeMB = "max_size_mb"
            case ttlSeconds = "ttl_seconds", expiredEntries = "expired_entries", footerEntries = "footer_entries"
            case hits, misses, evictions, expirations, invalidations, rangedReads = "ranged_reads", footerHits = "footer_hits"
            case chunkHits = "chunk_hits", hitRate = "hit_rate"
        }

        init(_ stats: ObjectCacheStats) {
            totalEntries = stats.totalEntries
            totalSizeMB = LakeService.megabytes(stats.totalBytes)
            topSymbols = stats.topSymbols.map { SymbolUsage(symbol: $0.name, entries: $0.entries, sizeMB: LakeService.megabytes($0.bytes)) }
            byTimeframe = stats.byTimeframe.map {
                TimeframeUsage(timeframe: $0.name, entries: $0.entries, sizeMB: LakeService.megabytes($0.bytes))
            }
            recentAccess = stats.recentAccess.map { entry in
                Access(key: entry.key, symbol: entry.symbol, timeframe: entry.timeframe, sizeMB: LakeService.megabytes(entry.bytes),
                       cachedAt: TimeParameter.format(entry.cachedAt), lastAccess: TimeParameter.format(entry.lastAccess), hits: entry.hits)
            }
            maxSizeMB = LakeService.megabytes(stats.maximumBytes)
            ttlSeconds = stats.ttlSeconds
            expiredEntries = stats.expiredEntries
            footerEntries = stats.footerEntries
            let counters = stats.counters
            (hits, misses, evictions, expirations) = (counters.hits, counters.misses, counters.evictions, counters.expirations)
            (invalidations, rangedReads, footerHits) = (counters.invalidations, counters.rangedReads, counters.footerHits)
            chunkHits = counters.chunkHits
            hitRate = (stats.hitRate * 1000).rounded() / 1000
        }
    }

    /// The body of `DELETE /api/v1/cache`.
    struct CacheClearDocument: Encodable {
        let filesRemoved: Int
        let spaceFreedMB: Double
        let entriesRemoved: Int

        enum CodingKeys: String, CodingKey {
            case filesRemoved = "files_removed", spaceFreedMB = "space_freed_mb", entriesRemoved = "entries_removed"
        }
    }
}
