import LakeCatalog
import LakeHTTP

extension PartitionCompactor {
    /// How long after a partition's end it counts as closed (late trades and corrections
    /// still arrive shortly after midnight): one hour.
    public static let closingDelay: Int64 = 3_600_000

    /// Every `interval` seconds (the first time one interval after the call, so start-up's
    /// sync runs alone), compacts each partition that ended at least ``closingDelay`` ago and
    /// holds `minimumParts` objects or more, until the returned task is cancelled. Failures
    /// are logged and retried at the next tick.
    public func startBackground(interval: Int, minimumParts: Int, logger: Logger) -> Task<Void, Never> {
        Task {
            guard interval > 0 else { return }
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .seconds(interval))
                    let selection = CompactionSelection(minimumParts: minimumParts, closedBefore: CatalogReconciler.systemNow() - Self.closingDelay)
                    let report = CompactionReport(try await compact(selection), durationMS: 0)
                    if report.partitions > 0 { logger.info("background compaction", [("summary", report.summary)]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("background compaction failed", [("error", String(describing: error))])
                }
            }
        }
    }
}
