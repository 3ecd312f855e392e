import LakeCatalog
import LakeHTTP

/// `POST /api/v1/admin/system/sync` (seed 002's "force system synchronization"), in seed
/// 002's envelope `{success, data, message, timestamp (epoch ms), error}`.
///
/// By default the call waits for the sync and returns its counts; `?wait=false` starts it in
/// the background and answers 202 at once (progress then shows in `/status`).
extension LakeService {
    func registerAdminRoutes(on router: Router) {
        router.post("/api/v1/admin/system/sync") { [self] request, _ in try await forceSync(request) }
    }

    /// Seed 002's `{success, data, message, timestamp, error}`; listings cut by a limit add
    /// `next_url` (absent otherwise). `data` and `error` are written as `null` when absent.
    struct Envelope<Payload: Encodable>: Encodable {
        let success: Bool
        let data: Payload?
        let message: String
        let timestamp: Int64
        let error: String?
        var nextURL: String? = nil

        enum CodingKeys: String, CodingKey {
            case success, data, message, timestamp, error, nextURL = "next_url"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(success, forKey: .success)
            try container.encode(data, forKey: .data)
            try container.encode(message, forKey: .message)
            try container.encode(timestamp, forKey: .timestamp)
            try container.encode(error, forKey: .error)
            try container.encodeIfPresent(nextURL, forKey: .nextURL)
        }
    }

    struct SyncSummary: Encodable {
        let trigger: String
        let joined: Bool
        let durationMS: Int64
        let listed, added, changed, deleted, unchanged, ignored, rejected: Int
        let rejectedObjects: [RejectedObject]

        enum CodingKeys: String, CodingKey {
            case trigger, joined, durationMS = "duration_ms", listed, added, changed, deleted, unchanged, ignored, rejected
            case rejectedObjects = "rejected_objects"
        }
    }

    struct RejectedObject: Encodable {
        let key, reason: String
    }

    private func forceSync(_ request: HTTPRequest) async throws -> HTTPResponse {
        let now = CatalogReconciler.systemNow()
        if request.query["wait"] == "false" {
            let synchronizer = self.synchronizer
            Task { _ = try? await synchronizer.sync(trigger: "admin") }
            return try JSONBody.response(Envelope<SyncSummary>(success: true, data: nil, message: "sync started", timestamp: now, error: nil),
                                         status: .accepted)
        }
        do {
            let outcome = try await synchronizer.sync(trigger: "admin")
            let report = outcome.report
            let summary = SyncSummary(trigger: "admin", joined: outcome.joined, durationMS: outcome.milliseconds, listed: report.listed,
                                      added: report.added, changed: report.changed, deleted: report.deleted, unchanged: report.unchanged,
                                      ignored: report.ignoredCount, rejected: report.rejected.count,
                                      rejectedObjects: report.rejected.prefix(100).map { RejectedObject(key: $0.key, reason: $0.reason) })
            return try JSONBody.response(Envelope(success: true, data: summary,
                                                  message: "catalog synchronized: \(report.added) added, \(report.changed) changed, \(report.deleted) deleted",
                                                  timestamp: CatalogReconciler.systemNow(), error: nil))
        } catch {
            logger.error("admin sync failed", [("error", String(describing: error))])
            return try JSONBody.response(Envelope<SyncSummary>(success: false, data: nil, message: "catalog sync failed",
                                                               timestamp: CatalogReconciler.systemNow(), error: "the object store could not be listed"),
                                         status: .serviceUnavailable)
        }
    }
}
