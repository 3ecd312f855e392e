import Foundation

/// The outcome of a finished child process.
public struct ProcessResult: Sendable {
    /// Exit status (or the terminating signal number).
    public let status: Int32
    /// Everything the process wrote to stdout.
    public let standardOutput: Data
    /// Everything the process wrote to stderr, as text.
    public let standardError: String

    /// stdout decoded as UTF-8.
    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
}

/// Runs external tools (python, curl, duckdb) from tests.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `input` on stdin, and waits for it.
    /// An executable without a slash is looked up on PATH.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let errorDrained = DispatchSemaphore(value: 0)
        Thread {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            errorDrained.signal()
        }.start()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorDrained.wait()
        return ProcessResult(status: process.terminationStatus, standardOutput: outputData,
                             standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs a Python snippet with the test interpreter; `arguments` become `sys.argv[1:]`.
    public static func python(_ script: String, _ arguments: [String] = [], input: Data? = nil) throws -> ProcessResult {
        try run(TestEnvironment.python, ["-c", script] + arguments, input: input)
    }
}
