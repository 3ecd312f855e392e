import Foundation
import LakeServer
import LakeTestSupport
import Testing

/// A lake service started in-process on an ephemeral port, over a temporary local lake or a
/// unique prefix of the LocalStack test bucket, driven over real sockets with curl.
final class ServiceHarness: Sendable {
    enum Backend: String, CustomStringConvertible, CaseIterable, Sendable {
        case local, s3
        var description: String { rawValue }
    }

    let service: LakeService
    let port: Int
    let directory: URL
    let basePrefix: String
    let backend: Backend

    /// Starts a service; `extra` adds or overrides environment settings.
    init(_ backend: Backend, extra: [String: String] = [:]) throws {
        directory = try TestEnvironment.temporaryDirectory("service")
        basePrefix = "tests/service-\(UUID().uuidString.prefix(8).lowercased())/ohlcv"
        self.backend = backend
        var environment = ["SERVER_HOST": "127.0.0.1", "SERVER_PORT": "0", "SERVER_WORKERS": "1", "DATA_DIR": directory.path,
                           "SYNC_INTERVAL": "0", "COMPACT_INTERVAL": "0", "LOG_LEVEL": "error", "S3_BASE_PREFIX": basePrefix,
                           // On, so every route answers through the limiter, but far above what any test sends
                           // (suites fire hundreds of requests at once from 127.0.0.1); the rate-limit tests set their own.
                           "RATE_LIMIT_PER_MINUTE": "1000000", "RATE_LIMIT_BURST": "100000"]
        if backend == .s3 {
            environment.merge(["S3_BUCKET": TestEnvironment.s3Bucket, "AWS_ENDPOINT_URL_S3": TestEnvironment.s3Endpoint,
                               "AWS_REGION": TestEnvironment.s3Region, "AWS_ACCESS_KEY_ID": TestEnvironment.s3AccessKey,
                               "AWS_SECRET_ACCESS_KEY": TestEnvironment.s3SecretKey, "S3_ADDRESSING_STYLE": "path",
                               "AWS_EC2_METADATA_DISABLED": "true"]) { $1 }
        }
        environment.merge(extra) { $1 }
        service = try LakeService(configuration: try ServerConfiguration.resolve(environment: environment))
        port = try service.start(handlesSignals: false)
    }

    /// Runs `body` against a fresh service and stops it afterwards, also when `body` throws.
    static func with(_ backend: Backend, extra: [String: String] = [:], _ body: (ServiceHarness) async throws -> Void) async throws {
        let harness = try ServiceHarness(backend, extra: extra)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// Runs `transfer` of a file of more than 64 MiB, expecting this process's resident memory
    /// (the service's, in-process) to grow by far less than the file.
    static func measured<T>(_ transfer: () async throws -> T) async throws -> T {
        let before = ResidentMemory.current()
        let memory = ResidentMemory()
        let result = try await transfer()
        let peak = memory.stop()
        #expect(peak - before < 24 << 20, "resident memory grew by \((peak - before) >> 20) MiB moving more than 64 MiB")
        return result
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Where the local lake keeps objects (local backend).
    var lakeDirectory: String { directory.appendingPathComponent("lake").path }

    /// A key under the base prefix.
    func key(_ relative: String) -> String { basePrefix + "/" + relative }

    /// Stops the service, removes the temporary directory and (S3) the test prefix.
    func stop() async {
        await service.shutdown()
        if backend == .s3 {
            _ = try? await Self.python(Self.boto3Prelude + """
                for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=sys.argv[1]):
                    for item in page.get('Contents', []):
                        s3.delete_object(Bucket=bucket, Key=item['Key'])
                """, [basePrefix.components(separatedBy: "/").prefix(2).joined(separator: "/") + "/"])
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A curl call: status, body, response headers (lowercased names).
    struct Reply: Sendable {
        let status: Int
        let body: [UInt8]
        let headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], "not a JSON object: \(text)")
        }
        func jsonArray() throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]], "not a JSON array: \(text)")
        }
    }

    /// Runs blocking work (a child process) on a thread of its own. The in-process server's
    /// handlers run on the cooperative pool (two threads on a two-core machine); a test that
    /// blocked them waiting for curl, which waits for a handler, would deadlock.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// `ProcessRunner.python` off the cooperative pool.
    static func python(_ script: String, _ arguments: [String] = [], input: Data? = nil) async throws -> ProcessResult {
        try await offPool { try ProcessRunner.python(script, arguments, input: input) }
    }

    /// Runs curl against `url` (absolute, or a path on this server) with extra arguments.
    func curl(_ url: String, _ arguments: [String] = []) async throws -> Reply {
        try await Self.offPool { try self.blockingCurl(url, arguments) }
    }

    private func blockingCurl(_ url: String, _ arguments: [String]) throws -> Reply {
        let bodyFile = directory.appendingPathComponent("curl-body-\(UUID().uuidString)").path
        let headerFile = bodyFile + ".headers"
        defer {
            try? FileManager.default.removeItem(atPath: bodyFile)
            try? FileManager.default.removeItem(atPath: headerFile)
        }
        let target = url.hasPrefix("http") ? url : baseURL + url
        let result = try ProcessRunner.run("curl", ["-sS", "-o", bodyFile, "-D", headerFile, "-w", "%{http_code}"] + arguments + [target])
        guard result.status == 0, let status = Int(result.output) else {
            throw CurlFailure(description: "curl \(target) failed: \(result.standardError)")
        }
        var headers: [String: String] = [:]
        for line in ((try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, body: Array(FileManager.default.contents(atPath: bodyFile) ?? Data()), headers: headers)
    }

    /// POSTs a JSON document.
    func postJSON(_ path: String, _ object: [String: Any]) async throws -> Reply {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await curl(path, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", String(decoding: data, as: UTF8.self)])
    }

    /// Python lines that define `s3` (boto3 client on LocalStack) and `bucket`.
    static let boto3Prelude = """
        import sys, json, boto3
        from botocore.config import Config
        s3 = boto3.client('s3', endpoint_url='\(TestEnvironment.s3Endpoint)', region_name='\(TestEnvironment.s3Region)',
                          aws_access_key_id='test', aws_secret_access_key='test', config=Config(s3={'addressing_style': 'path'}))
        bucket = '\(TestEnvironment.s3Bucket)'

        """

    struct CurlFailure: Error, CustomStringConvertible {
        let description: String
    }
}
