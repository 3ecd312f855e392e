import Foundation
import LakeCore
import LakeHTTP

/// `GET /api/v1/monitoring/system/info` (seed 002), in its envelope: what this process and
/// machine are — version, start time and uptime, pid, operating system, processors, memory,
/// the store, the catalog's totals and the HTTP server's workers and limits. Every value is
/// read when asked; times are epoch milliseconds as everywhere in seed 002.
extension LakeService {
    func registerSystemInfoRoute(on router: Router) {
        router.get("/api/v1/monitoring/system/info") { [self] _, _ in try Self.enveloped { try systemInfo() } }
    }

    /// The `data` of the answer.
    struct SystemInfo: Encodable {
        struct Service: Encodable {
            let name, version: String
            let pid: Int32
            let threads: Int
            let startedAt: Int64
            let uptimeSeconds: Double

            enum CodingKeys: String, CodingKey {
                case name, version, pid, threads, startedAt = "started_at", uptimeSeconds = "uptime_seconds"
            }
        }
        struct Store: Encodable {
            let backend, location: String
        }
        struct CatalogTotals: Encodable {
            let path: String
            let objects, symbols, rows, bytes: Int64
        }
        struct Server: Encodable {
            let workers, maxConnections, maxBodyBytes, maxHeaderBytes, maxRequestLineBytes, maxPipelinedRequests: Int
            let uploadMaxBytes: Int
            let queryMaxRangeDays: Int?
            let idleTimeoutSeconds: Int64

            enum CodingKeys: String, CodingKey {
                case workers, maxConnections = "max_connections", maxBodyBytes = "max_body_bytes", maxHeaderBytes = "max_header_bytes"
                case maxRequestLineBytes = "max_request_line_bytes", maxPipelinedRequests = "max_pipelined_requests"
                case uploadMaxBytes = "upload_max_bytes", queryMaxRangeDays = "query_max_range_days"
                case idleTimeoutSeconds = "idle_timeout_seconds"
            }
        }

        let service: Service
        let machine: MachineInfo
        let store: Store
        let catalog: CatalogTotals
        let server: Server
    }

    private func systemInfo() throws -> HTTPResponse {
        let machine = MachineInfo.current()
        let stats = try lake.catalog.stats()
        let http = httpConfiguration
        let info = SystemInfo(
            service: .init(name: "candlelake", version: CandleLakeVersion.current, pid: getpid(), threads: machine.processThreads,
                           startedAt: Int64((startedAt.timeIntervalSince1970 * 1000).rounded(.down)),
                           uptimeSeconds: (uptime * 10).rounded(.down) / 10),
            machine: machine,
            store: .init(backend: lake.location.backendName, location: lake.location.root + lake.listingPrefix),
            catalog: .init(path: configuration.catalogPath, objects: stats.objectCount, symbols: stats.symbolCount,
                           rows: stats.rowCount, bytes: stats.totalBytes),
            server: .init(workers: http.workers, maxConnections: http.maxConnections, maxBodyBytes: http.limits.maxBodySize,
                          maxHeaderBytes: http.limits.maxHeaderBytes, maxRequestLineBytes: http.limits.maxRequestLineLength,
                          maxPipelinedRequests: http.maxPipelinedRequests, uploadMaxBytes: configuration.uploadMaxBytes,
                          queryMaxRangeDays: configuration.queryMaxRangeDays, idleTimeoutSeconds: http.idleTimeout.components.seconds))
        return try JSONBody.response(Envelope(success: true, data: info, message: "System information retrieved successfully",
                                              timestamp: Self.epochMilliseconds(), error: nil))
    }
}
