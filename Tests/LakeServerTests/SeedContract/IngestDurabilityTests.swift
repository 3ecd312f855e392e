import Foundation
import LakeTestSupport
import Testing

/// An acknowledged ingest survives `kill -9`: the real `candlelake serve` answers 200 to
/// `POST /v1/trades/ingest`, is killed at once, and the catalog file already holds the
/// objects and the idempotency record (checked before any restart, so no start-up sync can
/// paper over a missing commit); restarted on the same data directory (and bucket prefix), it
/// answers the trades' bars and treats a repeat as a duplicate.
@Suite(.serialized) struct IngestDurabilityTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func acknowledgedTradesSurviveKillDashNine(backend: ServiceHarness.Backend) async throws {
        let directory = try TestEnvironment.temporaryDirectory("ingest-durability")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("data").path
        let prefix = "tests/ingest-durability-\(UUID().uuidString.prefix(8).lowercased())"
        var environment = ["SYNC_INTERVAL": "0", "LOG_LEVEL": "info"]
        if backend == .s3 {
            environment.merge(["S3_BUCKET": TestEnvironment.s3Bucket, "S3_BASE_PREFIX": prefix,
                               "AWS_ENDPOINT_URL_S3": TestEnvironment.s3Endpoint, "AWS_REGION": TestEnvironment.s3Region,
                               "AWS_ACCESS_KEY_ID": TestEnvironment.s3AccessKey, "AWS_SECRET_ACCESS_KEY": TestEnvironment.s3SecretKey,
                               "AWS_EC2_METADATA_DISABLED": "true"]) { $1 }
        }
        defer { if backend == .s3 { Task { try await SeedContractTests.removePrefix(prefix) } } }
        // 2,000 trades a second apart from 23:50 UTC: two UTC days, two objects.
        let fixture = IngestTradeFixture(count: 2_000, start: 1_735_861_800_000, step: 1_000)
        // The body is too large for a command-line argument: curl reads it from a file.
        let body = directory.appendingPathComponent("trades.json").path
        try Data(fixture.body(symbol: "BTCUSDT").utf8).write(to: URL(fileURLWithPath: body))

        let first = try ServeProcess(arguments: ["--data-dir", dataDirectory], environment: environment)
        defer { first.kill() }  // also when a step below throws; killing a dead process does nothing
        let acknowledged = try await Self.post(body, to: first.baseURL)
        first.kill()
        try #require(acknowledged.status == 200, "\(acknowledged.text)\n\(first.logText)")

        let catalog = try await ServiceHarness.python("""
            import sqlite3, sys, json
            db = sqlite3.connect(sys.argv[1])
            print(json.dumps([db.execute("SELECT count(*), sum(row_count) FROM objects WHERE timeframe = 'trades'").fetchone(),
                              db.execute("SELECT count(*) FROM ingest_requests WHERE status = 200").fetchone()]))
            """, [dataDirectory + "/catalog.sqlite"])
        #expect(catalog.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[[2, 2000], [1]]", "\(catalog.output) \(catalog.standardError)")

        let second = try ServeProcess(arguments: ["--data-dir", dataDirectory], environment: environment)
        defer { second.stop() }
        let stats = try await Self.get("/v1/stats/ohlc?symbol=BTCUSDT&interval=5min&start=2025-01-02&end=2025-01-03", from: second.baseURL)
        let repeated = try await Self.post(body, to: second.baseURL)
        #expect(second.stop() == 0)
        #expect(stats.status == 200, "\(stats.text)")
        let pandas = try await fixture.pandasBars(rule: "5min")
        #expect(try IngestTradeFixture.statsBars(stats) == pandas, "\(stats.text.prefix(300)) vs pandas \(pandas.prefix(2))")
        #expect(try repeated.status == 200 && (repeated.json()["duplicate"] as? Bool) == true, "\(repeated.text)")
        #expect(try repeated.json()["objects"] as? NSArray == (try acknowledged.json()["objects"] as? NSArray))
    }

    /// POSTs the JSON file at `bodyPath`.
    private static func post(_ bodyPath: String, to baseURL: String) async throws -> ServiceHarness.Reply {
        try await curl(baseURL + "/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@" + bodyPath])
    }

    private static func get(_ path: String, from baseURL: String) async throws -> ServiceHarness.Reply {
        try await curl(baseURL + path, [])
    }

    /// curl off the cooperative pool: status and body.
    private static func curl(_ url: String, _ arguments: [String]) async throws -> ServiceHarness.Reply {
        let result = try await ServiceHarness.offPool {
            try ProcessRunner.run("curl", ["-sS", "-w", "\n%{http_code}"] + arguments + [url])
        }
        let text = result.output
        guard result.status == 0, let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            throw ServiceHarness.CurlFailure(description: "curl \(url): \(result.standardError)")
        }
        return ServiceHarness.Reply(status: status, body: Array(text[..<newline].utf8), headers: [:])
    }
}
