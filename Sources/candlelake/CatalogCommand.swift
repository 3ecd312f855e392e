import Foundation
import LakeCatalog
import LakeServer

/// `candlelake catalog sync|stats|compact|load-symbols FILE.csv`: rebuild or refresh the SQLite
/// catalog from the store listing (with progress on stderr), print its totals, merge crowded
/// partitions into one object each (``PartitionCompactor``; `--timeframe`, `--exchange`,
/// `--symbol`, `--start`, `--end`, `--min-parts` select them), or load symbol reference data
/// (name, type, sector, active; see ``SymbolReferenceFile``) for the search and ticker
/// endpoints. Takes the same configuration as `serve` (`--config`, `--data-dir`, `--bucket`,
/// `--prefix`, environment).
///
/// ```
/// S3_BUCKET=lake AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566 candlelake catalog sync
/// candlelake catalog compact --timeframe trades --symbol NSE_CIPLA-EQ --min-parts 100
/// candlelake catalog load-symbols symbols.csv
/// ```
enum CatalogCommand: Subcommand {
    static let name = "catalog"
    static let summary = "sync the catalog with the store (sync [--concurrency N]), print its totals (stats), "
        + "merge partitions' parts (compact [--timeframe T] [--exchange X] [--symbol S] [--start D] [--end D] [--min-parts N]), "
        + "load-symbols FILE.csv"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let action = try arguments.positional("ACTION")
        let file = action == "load-symbols" ? try arguments.positional("FILE") : nil
        let concurrency = try arguments.option("concurrency", as: Int.self) ?? 32
        let selection = action == "compact" ? try compactionSelection(&arguments) : nil
        let configuration = try ConfigurationArguments.resolve(&arguments)
        try arguments.finish()
        guard (1...1024).contains(concurrency) else { throw UsageError("--concurrency must be 1…1024") }
        let lake = try Lake.open(configuration)
        switch action {
        case "sync":
            let synchronizer = CatalogSynchronizer(lake: lake, concurrency: concurrency)
            let outcome = try await synchronizer.sync(trigger: "cli") { progress in
                let line = progress.phase == "listing" ? "listing: \(progress.listed) objects"
                    : "indexing: \(progress.indexed)/\(progress.toIndex)"
                FileHandle.standardError.write(Data("\r\(line)    ".utf8))
            }
            let report = outcome.report
            FileHandle.standardError.write(Data("\n".utf8))
            print("listed \(report.listed), added \(report.added), changed \(report.changed), deleted \(report.deleted), "
                  + "unchanged \(report.unchanged), ignored \(report.ignoredCount), rejected \(report.rejected.count) "
                  + "in \(String(format: "%.2f", Double(outcome.milliseconds) / 1000)) s")
            for rejected in report.rejected.prefix(20) { print("rejected \(rejected.key): \(rejected.reason)") }
            return 0
        case "stats":
            let stats = try lake.catalog.stats()
            print("objects \(stats.objectCount), rows \(stats.rowCount), bytes \(stats.totalBytes), symbols \(stats.symbolCount)")
            for totals in stats.byTimeframe {
                print("  \(totals.timeframe.canonical): objects \(totals.objectCount), rows \(totals.rowCount), series \(totals.seriesCount)")
            }
            return 0
        case "compact":
            let started = Date()
            let outcomes = try await PartitionCompactor(lake: lake).compact(selection ?? CompactionSelection())
            let report = CompactionReport(outcomes, durationMS: Int64(Date().timeIntervalSince(started) * 1000))
            for result in report.compacted {
                print("compacted \(result.directory): \(result.objectsBefore) → \(result.objectsAfter) objects, \(result.rows) rows, "
                      + "\(result.bytesBefore) → \(result.bytesAfter) bytes")
            }
            for skip in report.skipped { print("skipped \(skip.directory): \(skip.reason)") }
            print(report.summary)
            return 0
        case "load-symbols":
            guard let file, let bytes = FileManager.default.contents(atPath: file) else { throw UsageError("cannot read '\(file ?? "")'") }
            let references = try SymbolReferenceFile.parse(Array(bytes))
            try lake.catalog.upsertReference(references, updatedAt: Int64(Date().timeIntervalSince1970 * 1000))
            print("loaded reference data of \(references.count) symbols")
            return 0
        default:
            throw UsageError("unknown action '\(action)' (sync, stats, compact or load-symbols)")
        }
    }

    /// The partitions `compact` takes, from its options (the admin endpoint's parameters,
    /// spelled `--min-parts` rather than `min_parts`).
    private static func compactionSelection(_ arguments: inout CommandArguments) throws -> CompactionSelection {
        var parameters: [String: String] = [:]
        for name in CompactionSelection.parameterNames {
            if let value = try arguments.option(name.replacingOccurrences(of: "_", with: "-")) { parameters[name] = value }
        }
        do {
            return try CompactionSelection(parameters: parameters)
        } catch {
            throw UsageError(error.message)
        }
    }
}
