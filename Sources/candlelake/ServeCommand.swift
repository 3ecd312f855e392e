import Foundation
import LakeHTTP
import LakeServer

/// `candlelake serve`: runs the HTTP server until SIGTERM/SIGINT.
///
/// Flags override the environment: `--host` (`SERVER_HOST`, default 0.0.0.0), `--port`
/// (`SERVER_PORT`, default 8200), `--workers` (`SERVER_WORKERS`, default: CPU cores),
/// `--data-dir` (`DATA_DIR`, default ./data); `CORS_ORIGINS` (default `*`) and `LOG_LEVEL`
/// (default info) come from the environment.
struct ServeCommand: Subcommand {
    static let name = "serve"
    static let summary = "run the HTTP API (--host, --port, --workers, --data-dir)"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let environment = ProcessInfo.processInfo.environment
        let host = try arguments.option("host") ?? environment["SERVER_HOST"] ?? "0.0.0.0"
        let port = try arguments.option("port", as: Int.self) ?? environmentInteger("SERVER_PORT", environment) ?? 8200
        let workers = try arguments.option("workers", as: Int.self) ?? environmentInteger("SERVER_WORKERS", environment)
        let dataDirectory = try arguments.option("data-dir") ?? environment["DATA_DIR"] ?? "data"
        try arguments.finish()
        guard (0...65_535).contains(port) else { throw UsageError("port \(port) is out of range") }
        if let workers, workers < 1 { throw UsageError("workers must be at least 1") }

        let app = try ServerApp(dataDirectory: URL(fileURLWithPath: dataDirectory),
                                corsOrigins: environment["CORS_ORIGINS"] ?? "*")
        let configuration = HTTPServerConfiguration(host: host, port: port, workers: workers)
        let server = HTTPServer(configuration: configuration, responder: app.makeRouter())
        try await server.run()
        return 0
    }

    private static func environmentInteger(_ name: String, _ environment: [String: String]) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw UsageError("\(name)='\(text)' is not a number") }
        return value
    }
}
