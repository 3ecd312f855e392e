import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LakeTestSupport
import Synchronization
import Testing

/// The built `candlelake` executable run as a user runs it, for black-box tests: `serve` as a
/// child process on a free port (`--port 0`; the port comes from its "lake service started"
/// log line), stopped with SIGTERM (or killed with SIGKILL); and one-shot commands such as `demo`.
final class ServeProcess: Sendable {
    /// The `candlelake` executable beside the test bundle in the build products directory.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("candlelake").path

    /// The settings these tests control; removed from the inherited environment so that a
    /// developer's shell (an `S3_BUCKET`, say) cannot change what is tested.
    static let controlledSettings = ["S3_BUCKET", "S3_BASE_PREFIX", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_PROFILE",
                                     "DATA_DIR", "CACHE_DIR", "CATALOG_PATH", "SERVER_HOST", "SERVER_PORT", "PUBLIC_URL",
                                     "CORS_ORIGINS", "QUERY_MAX_RANGE_DAYS", "SYMBOL_ACTIVE_DAYS", "SYNC_INTERVAL", "LOG_LEVEL",
                                     "UPLOAD_MAX_BYTES", "PRESIGN_MAX_EXPIRES", "PRESIGN_DEFAULT_EXPIRES", "AUTH_MODE"]

    let port: Int
    private let process: Process
    private let log = LogBuffer()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Everything the server logged so far (JSON lines), for failure messages.
    var logText: String { log.text }

    /// Starts `candlelake serve` with `arguments` and `environment` (over the inherited one,
    /// less ``controlledSettings``) and waits up to 30 s for it to listen.
    init(arguments: [String], environment: [String: String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the candlelake product first")
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.environment = Self.environment(environment)
        let standardError = Pipe()
        process.standardError = standardError
        process.standardOutput = FileHandle.nullDevice
        let log = self.log
        let started = DispatchSemaphore(value: 0)
        let reader = standardError.fileHandleForReading
        // Drains stderr for the server's whole life, so a chatty server never blocks on a full pipe.
        Thread {
            var signalled = false
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                let text = log.append(chunk)
                if !signalled, text.contains("\"lake service started\"") {
                    signalled = true
                    started.signal()
                }
            }
            if !signalled { started.signal() }
        }.start()
        try process.run()
        _ = started.wait(timeout: .now() + 30)
        guard process.isRunning, let port = Self.port(inLog: log.text) else {
            process.terminate()
            throw ServeFailure(description: "candlelake serve did not start: \(log.text)")
        }
        self.port = port
    }

    /// SIGTERM, then waits for the graceful shutdown; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, as a crash or `kill -9` ends it: no shutdown code runs. Returns once it is gone.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs a one-shot `candlelake` command (`demo`, `catalog …`) with the same environment rules.
    static func command(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the candlelake product first")
        // ProcessRunner adds the inherited environment back, so `env -u` takes the controlled settings out.
        let unset = controlledSettings.filter { environment[$0] == nil }.flatMap { ["-u", $0] }
        return try ProcessRunner.run("/usr/bin/env", unset + [executable] + arguments, environment: environment)
    }

    private static func environment(_ settings: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in controlledSettings { environment.removeValue(forKey: name) }
        return environment.merging(settings) { $1 }
    }

    /// The port of the `{"msg":"lake service started",…,"port":"34425"}` log line.
    private static func port(inLog text: String) -> Int? {
        for line in text.split(separator: "\n") where line.contains("\"lake service started\"") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["port"] as? String).flatMap(Int.init)
        }
        return nil
    }

    /// What the server wrote to stderr, shared with the thread that drains it.
    private final class LogBuffer: Sendable {
        private let bytes = Mutex<[UInt8]>([])

        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }

        /// Appends `chunk`; returns the whole log so far.
        func append(_ chunk: Data) -> String {
            bytes.withLock { $0 += chunk; return String(decoding: $0, as: UTF8.self) }
        }
    }

    struct ServeFailure: Error, CustomStringConvertible {
        let description: String
    }
}
