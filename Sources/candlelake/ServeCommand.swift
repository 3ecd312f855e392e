import Foundation
import LakeServer

/// `candlelake serve`: runs the lake service until SIGTERM/SIGINT.
///
/// Reads `Config/candlelake.conf` (or `--config PATH`), then the environment, then flags
/// (`--host`, `--port`, `--workers`, `--data-dir`, `--cache-dir`, `--catalog`, `--bucket`,
/// `--prefix`, `--sync-interval`, `--log-level`, `--public-url`, `--upload-max-bytes`,
/// `--query-max-range-days`), each overriding the one before. Without a bucket it serves the local-directory lake under
/// `DATA_DIR/lake`. A bad setting stops it at once with a message naming the key.
struct ServeCommand: Subcommand {
    static let name = "serve"
    static let summary = "run the HTTP API (--config PATH, --host, --port, --data-dir, --bucket, --prefix, …)"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let configuration = try ConfigurationArguments.resolve(&arguments)
        try arguments.finish()
        let service = try LakeService(configuration: configuration)
        try await service.run()
        return 0
    }
}
