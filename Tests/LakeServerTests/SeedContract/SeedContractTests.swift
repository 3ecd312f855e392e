import Foundation
import LakeTestSupport
import Testing

/// The seeds are the contract: a client written from them alone must just work. This starts
/// the real `candlelake serve` (once on a local-directory lake, once on a LocalStack prefix),
/// fills it with `candlelake demo` data, and runs `scripts/seed-contract/seed_contract.py` —
/// a Python `requests` client that uploads the data the ways seed 001 describes and calls
/// every served seed endpoint with the seeds' example requests, checking each answer against
/// the seed's example shape. Every mismatch it reports fails the test, listed one per line.
@Suite(.serialized) struct SeedContractTests {
    /// The demo lake: five symbols on NASDAQ, NSE and BINANCE, 2026-11-17 … 2026-11-20 (UTC days).
    static let demoArguments = ["--symbols", "5", "--days", "4", "--end", "2026-11-21"]
    static let firstDay = "2026-11-17", lastDay = "2026-11-20"
    /// `UPLOAD_MAX_BYTES` of the server under test: far above a demo file (tens of KB).
    static let uploadMaxBytes = 1 << 20

    static let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/seed-contract/seed_contract.py").path

    /// Endpoints the README says are served; the script must have checked each of them.
    static let servedEndpoints = [
        "GET /health", "GET /status", "GET /symbols", "GET /symbols/{symbol}/partitions", "GET /object", "HEAD /object",
        "POST /presign/upload", "POST /presign/download", "POST /upload", "POST /uploads/complete",
        "POST /api/v1/admin/system/sync", "POST /api/v1/bars", "POST /api/v1/bars/multiple", "GET /api/v1/latest/{symbol}",
        "POST /api/v1/validate", "GET /api/v1/search", "GET /api/v1/tickers/", "GET /api/v1/tickers/{symbol}",
        "GET /api/v1/tickers/{symbol}/mvs", "GET /v1/stats/ohlc", "POST /v1/trades/ingest", "GET /v1/stocks/{code}/prices",
        "GET /api/v1/cache/stats", "DELETE /api/v1/cache", "GET /api/v1/rate-limit", "WS /ws/stream", "GET /api/v1/admin/websocket/status",
        "GET /api/v1/admin/websocket/connections", "GET /api/v1/monitoring/health",
        "GET /api/v1/data/trades/{symbol}", "GET /api/v1/data/trades/{symbol}/latest", "GET /api/v1/monitoring/system/info",
        "OPTIONS (CORS preflight)", "presigned PUT URL", "presigned POST form", "presigned GET URL",
    ]

    @Test(arguments: ServiceHarness.Backend.allCases)
    func seedClientsWorkUnchanged(backend: ServiceHarness.Backend) async throws {
        let directory = try TestEnvironment.temporaryDirectory("seed-contract")
        defer { try? FileManager.default.removeItem(at: directory) }
        let demoDirectory = directory.appendingPathComponent(backend == .local ? "data" : "demo").path
        let demo = try ServeProcess.command(["demo"] + Self.demoArguments + ["--data-dir", demoDirectory])
        try #require(demo.status == 0, "candlelake demo: \(demo.standardError)")

        let prefix = "tests/seed-contract-\(UUID().uuidString.prefix(8).lowercased())"
        // info: the start-up line carries the port. A small upload limit lets the script try one file over it.
        // The rate limit stays on (every answer carries its headers) but far above what the script
        // sends: its concurrent-client checks fire more than the default burst at once.
        var environment = ["SYNC_INTERVAL": "0", "LOG_LEVEL": "info", "UPLOAD_MAX_BYTES": String(Self.uploadMaxBytes),
                           "RATE_LIMIT_PER_MINUTE": "1000000", "RATE_LIMIT_BURST": "100000"]
        var scriptArguments = ["--first-day", Self.firstDay, "--last-day", Self.lastDay, "--upload-dir", demoDirectory + "/lake",
                               "--upload-max-bytes", String(Self.uploadMaxBytes)]
        switch backend {
        case .local:
            // The README's quick start: demo data (with its reference data) in DATA_DIR, served from there.
            scriptArguments += ["--upload", "copies", "--reference-data"]
        case .s3:
            // An empty prefix that the script fills through the upload API, as a pipeline would.
            environment.merge(["S3_BUCKET": TestEnvironment.s3Bucket, "S3_BASE_PREFIX": prefix,
                               "AWS_ENDPOINT_URL_S3": TestEnvironment.s3Endpoint, "AWS_REGION": TestEnvironment.s3Region,
                               "AWS_ACCESS_KEY_ID": TestEnvironment.s3AccessKey, "AWS_SECRET_ACCESS_KEY": TestEnvironment.s3SecretKey,
                               "AWS_EC2_METADATA_DISABLED": "true", "SYMBOL_ACTIVE_DAYS": "3660"]) { $1 }
            scriptArguments += ["--upload", "all", "--key-prefix", prefix + "/", "--remote"]
        }
        let dataDirectory = backend == .local ? demoDirectory : directory.appendingPathComponent("data").path
        let configFile = TestEnvironment.repositoryRoot.appendingPathComponent("Config/candlelake.conf").path
        let server = try ServeProcess(arguments: ["--config", configFile, "--data-dir", dataDirectory], environment: environment)
        let command = [Self.script, "--base-url", server.baseURL] + scriptArguments
        // The server is stopped and the prefix removed also when the script cannot be run at all.
        let outcome: Result<ProcessResult, any Error>
        do {
            outcome = .success(try await ServiceHarness.offPool { try ProcessRunner.run(TestEnvironment.python, command) })
        } catch {
            outcome = .failure(error)
        }
        let exitStatus = server.stop()
        if backend == .s3 { try await Self.removePrefix(prefix) }
        let run = try outcome.get()

        try #require(run.status == 0, "seed_contract.py failed: \(run.standardError)\nserver log:\n\(server.logText)")
        let report = try JSONDecoder().decode(SeedContractReport.self, from: run.standardOutput)
        #expect(exitStatus == 0, "candlelake serve exited with \(exitStatus) on SIGTERM")
        let missing = Self.servedEndpoints.filter { !report.endpointsChecked.contains($0) }
        #expect(missing.isEmpty, "the contract script did not check \(missing)")
        #expect(report.uploadedFiles >= 4 && report.pagedBars > 1_000 && report.barPages > 1, "\(report.summary)")
        for mismatch in report.mismatches { Issue.record(Comment(rawValue: mismatch.line)) }
        print("seed contract (\(backend)): \(report.summary)")
    }

    /// Deletes the test's objects from the LocalStack bucket.
    static func removePrefix(_ prefix: String) async throws {
        let result = try await ServiceHarness.python(ServiceHarness.boto3Prelude + """
            for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=sys.argv[1]):
                for item in page.get('Contents', []):
                    s3.delete_object(Bucket=bucket, Key=item['Key'])
            """, [prefix + "/"])
        #expect(result.status == 0, "removing \(prefix): \(result.standardError)")
    }
}
