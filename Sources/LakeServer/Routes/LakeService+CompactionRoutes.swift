import LakeCatalog
import LakeHTTP

/// `POST /api/v1/admin/compact`: merges crowded partitions (see ``PartitionCompactor``),
/// selected by `timeframe`, `exchange`, `symbol`, `start`/`end` and `min_parts` given as query
/// parameters or as a JSON object body (the body wins). Answers in seed 002's envelope with a
/// ``CompactionReport``: partitions, objects before/after, rows, bytes, and each partition done
/// or skipped. Admin routes carry no authentication of their own (as `…/admin/system/sync`).
extension LakeService {
    func registerCompactionRoutes(on router: Router) {
        router.post("/api/v1/admin/compact") { [self] request, _ in try await compact(request) }
    }

    private func compact(_ request: HTTPRequest) async throws -> HTTPResponse {
        var parameters: [String: String] = [:]
        for (name, value) in request.query { parameters[name] = value }
        parameters.merge(try CompactionSelection.parameters(ofJSON: request.body)) { $1 }
        let selection = try CompactionSelection(parameters: parameters)
        let started = CatalogReconciler.systemNow()
        do {
            let outcomes = try await compactor.compact(selection)
            let report = CompactionReport(outcomes, durationMS: CatalogReconciler.systemNow() - started)
            logger.info("compaction finished", [("partitions", String(report.partitions)), ("compacted", String(report.compacted.count)),
                                                ("objects_before", String(report.objectsBefore)), ("objects_after", String(report.objectsAfter))])
            return try JSONBody.response(Envelope(success: true, data: report, message: report.summary,
                                                  timestamp: CatalogReconciler.systemNow(), error: nil))
        } catch {
            logger.error("compaction failed", [("error", String(describing: error))])
            return try JSONBody.response(Envelope<CompactionReport>(success: false, data: nil, message: "compaction failed",
                                                                    timestamp: CatalogReconciler.systemNow(),
                                                                    error: "the object store or catalog failed during compaction"),
                                         status: .serviceUnavailable)
        }
    }
}
