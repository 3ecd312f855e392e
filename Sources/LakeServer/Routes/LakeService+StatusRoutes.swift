import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP

/// `GET /health` and `GET /status` (seed 000's shapes).
extension LakeService {
    func registerStatusRoutes(on router: Router) {
        router.getImmediately("/health") { _, _ in
            var body: [UInt8] = []
            body.reserveCapacity(64)
            body.append(contentsOf: #"{"status":"healthy","timestamp":""#.utf8)
            LakeHTTP.RFC3339.appendNow(to: &body)
            body.append(contentsOf: #""}"#.utf8)
            return .json(bytes: body)
        }
        router.get("/status") { [self] _, _ in try await JSONBody.response(status()) }
    }

    /// Everything `/status` reports.
    struct StatusDocument: Encodable {
        struct Store: Encodable {
            let backend: String
            let location: String
            let reachable: Bool
            let error: String?
        }
        struct CatalogTotals: Encodable {
            let objects, rows, bytes, symbols: Int64
        }
        struct Sync: Encodable {
            let running: Bool
            let trigger: String?
            let phase: String?
            let listed, indexed, toIndex: Int?
            let startedAt: String?
            let intervalSeconds: Int
            let last: LastRun?

            enum CodingKeys: String, CodingKey {
                case running, trigger, phase, listed, indexed, toIndex = "to_index", startedAt = "started_at"
                case intervalSeconds = "interval_seconds", last
            }
        }
        struct LastRun: Encodable {
            let trigger: String
            let startedAt: String
            let finishedAt: String?
            let listed, added, changed, deleted, unchanged, ignored, rejected: Int
            let error: String?

            enum CodingKeys: String, CodingKey {
                case trigger, startedAt = "started_at", finishedAt = "finished_at"
                case listed, added, changed, deleted, unchanged, ignored, rejected, error
            }
        }
        struct Cache: Encodable {
            let directory: String
            let entries: Int
            let sizeMB: Double
            let maxSizeMB: Double
            let ttlSeconds: Int
            let hits, misses, evictions, invalidations, rangedReads: Int
            let hitRate: Double
            let uploadSpool: Spool

            enum CodingKeys: String, CodingKey {
                case directory, entries, sizeMB = "size_mb", maxSizeMB = "max_size_mb", ttlSeconds = "ttl_seconds"
                case hits, misses, evictions, invalidations, rangedReads = "ranged_reads", hitRate = "hit_rate"
                case uploadSpool = "upload_spool"
            }
        }
        struct Spool: Encodable {
            let directory: String
            let entries: Int
            let sizeMB: Double

            enum CodingKeys: String, CodingKey { case directory, entries, sizeMB = "size_mb" }
        }

        /// What compaction is doing: partitions being merged now, parts an interrupted
        /// compaction left in the store (the next sync deletes them), background settings.
        struct Compaction: Encodable {
            let running: [String]
            let replacedPartsPending: Int
            let intervalSeconds: Int
            let minParts: Int

            enum CodingKeys: String, CodingKey {
                case running, replacedPartsPending = "replaced_parts_pending", intervalSeconds = "interval_seconds", minParts = "min_parts"
            }
        }

        let status: String
        let version: String
        let uptimeSeconds: Int
        /// Seed 000's upstream flag (its server's upstream is Polygon; ours is the lake's store):
        /// whether the store answers.
        let polygonConnected: Bool
        /// Seed 000's count of WebSocket clients: the `/ws/stream` connections open now.
        let websocketClients: Int
        let rateLimitStatus: RateLimitStatus
        /// `AUTH_MODE`: which routes need an API key (`off`, `writes`, `all`).
        let authMode: String
        let store: Store
        let catalog: CatalogTotals
        let sync: Sync
        let compaction: Compaction
        let cacheStats: Cache
        let systemMetrics: SystemMetrics.Sample

        enum CodingKeys: String, CodingKey {
            case status, version, uptimeSeconds = "uptime_seconds", polygonConnected = "polygon_connected"
            case websocketClients = "websocket_clients", rateLimitStatus = "rate_limit_status", authMode = "auth_mode", store, catalog, sync, compaction
            case cacheStats = "cache_stats"
            case systemMetrics = "system_metrics"
        }
    }

    func status() async throws -> StatusDocument {
        let (reachable, storeError) = await probeStore()
        let stats = try lake.catalog.stats()
        let progress = synchronizer.progress
        let last = try lake.catalog.syncRuns(limit: 1).first.map { run in
            StatusDocument.LastRun(trigger: run.trigger, startedAt: TimeParameter.format(run.startedAt),
                                   finishedAt: run.finishedAt.map(TimeParameter.format), listed: run.listed, added: run.added,
                                   changed: run.changed, deleted: run.deleted, unchanged: run.unchanged, ignored: run.ignored,
                                   rejected: run.rejected, error: run.error)
        }
        return StatusDocument(
            status: reachable ? "healthy" : "degraded", version: CandleLakeVersion.current, uptimeSeconds: uptimeSeconds,
            polygonConnected: reachable, websocketClients: streams.status.connectionsCount, rateLimitStatus: rateLimitStatus,
            authMode: configuration.authMode.rawValue,
            store: .init(backend: lake.location.backendName, location: lake.location.root + lake.listingPrefix,
                         reachable: reachable, error: storeError),
            catalog: .init(objects: stats.objectCount, rows: stats.rowCount, bytes: stats.totalBytes, symbols: stats.symbolCount),
            sync: .init(running: progress != nil, trigger: progress?.trigger, phase: progress?.phase, listed: progress?.listed,
                        indexed: progress?.indexed, toIndex: progress?.toIndex, startedAt: progress.map { TimeParameter.format($0.startedAt) },
                        intervalSeconds: configuration.syncInterval, last: last),
            compaction: .init(running: compactor.runningPartitions, replacedPartsPending: try lake.catalog.replacedParts(underPrefix: lake.basePrefix).count,
                              intervalSeconds: configuration.compactInterval, minParts: configuration.compactMinParts),
            cacheStats: cacheStats(), systemMetrics: metrics.sample())
    }

    /// One listing request, abandoned after 3 s so that `/status` answers even when S3 hangs.
    func probeStore() async -> (Bool, String?) {
        let store = lake.store, prefix = lake.listingPrefix
        return await withTaskGroup(of: (Bool, String?).self) { group in
            group.addTask {
                do {
                    _ = try await store.list(prefix: prefix, delimiter: "/", continuationToken: nil, limit: 1)
                    return (true, nil)
                } catch {
                    return (false, String(describing: error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(3))
                return (false, "no answer within 3 s")
            }
            let first = await group.next() ?? (false, nil)
            group.cancelAll()
            return first
        }
    }

    /// The object cache's totals and counters, and the upload spool beside it.
    private func cacheStats() -> StatusDocument.Cache {
        let directory = uploads.spoolDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let bytes = names.reduce(0) { total, name in
            total + (((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.size] as? Int) ?? 0)
        }
        let stats = objectCache.stats(top: 0)
        let counters = stats.counters
        return .init(directory: objectCache.root, entries: stats.totalEntries, sizeMB: Self.megabytes(stats.totalBytes),
                     maxSizeMB: Self.megabytes(stats.maximumBytes), ttlSeconds: stats.ttlSeconds, hits: counters.hits,
                     misses: counters.misses, evictions: counters.evictions, invalidations: counters.invalidations,
                     rangedReads: counters.rangedReads, hitRate: (stats.hitRate * 1000).rounded() / 1000,
                     uploadSpool: .init(directory: directory, entries: names.count, sizeMB: Self.megabytes(Int64(bytes))))
    }
}
