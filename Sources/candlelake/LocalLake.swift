import Foundation
import LakeCatalog
import LakeCore
import LakeServer
import LakeStorage

/// The local-directory lake and catalog as `serve` configures them (`--data-dir`/`DATA_DIR`,
/// `CATALOG_PATH`, `S3_BASE_PREFIX`, `EXCHANGE_TIME_ZONES`), for commands that work on it directly.
struct LocalLake {
    let configuration: ServerConfiguration
    let store: FileStore
    let catalog: Catalog
    let layout: LakeLayout
    let catalogPath: String

    /// Reads `--data-dir` from `arguments`, the rest from the environment.
    init(arguments: inout CommandArguments) throws {
        var flags: [String: (value: String, flag: String)] = [:]
        if let directory: String = try arguments.option("data-dir") { flags["DATA_DIR"] = (directory, "--data-dir") }
        configuration = try ServerConfiguration.resolve(environment: ProcessInfo.processInfo.environment, flags: flags)
        guard configuration.bucket == nil else {
            throw UsageError("S3_BUCKET is set; this command works on the local lake under DATA_DIR only")
        }
        store = try FileStore(root: configuration.dataDirectory + "/lake")
        catalogPath = configuration.catalogPath
        catalog = try Catalog(path: catalogPath)
        layout = try LakeLayout(basePrefix: configuration.basePrefix)
    }
}
