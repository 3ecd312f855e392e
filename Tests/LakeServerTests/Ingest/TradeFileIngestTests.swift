import Foundation
import LakeHTTP
@testable import LakeServer
import LakeTestSupport
import Testing

/// `candlelake ingest`: a CSV or JSON file of trades stored as the ingest API stores a request,
/// on both backends, and the command's exit codes and messages.
@Suite(.serialized) struct TradeFileIngestTests {
    static let csv = """
        timestamp,price,volume
        2025-01-02T09:30:00Z,190.5,1200
        1735810260000,191.1,850
        2025-01-02T09:32:00.250Z,191.3,640

        """

    static func file(_ text: String, named name: String) throws -> String {
        let path = try TestEnvironment.temporaryDirectory("file-ingest").appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func csvTradesAreStoredAsTheAPIStoresThem(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            let path = try Self.file(Self.csv, named: "trades.csv")
            let first = try JSONSerialization.jsonObject(with: Data(try await TradeFileIngest.ingest(
                path: path, symbol: "aapl", exchange: "NASDAQ", idempotencyKey: nil, into: harness.service.lake))) as? [String: Any]
            #expect(first?["symbol"] as? String == "AAPL" && first?["accepted"] as? Int == 3 && first?["duplicate"] as? Bool == false)
            let again = try JSONSerialization.jsonObject(with: Data(try await TradeFileIngest.ingest(
                path: path, symbol: "AAPL", exchange: "NASDAQ", idempotencyKey: nil, into: harness.service.lake))) as? [String: Any]
            #expect(again?["duplicate"] as? Bool == true)
            let stats = try await harness.curl("/v1/stats/ohlc?symbol=AAPL&interval=1h&start=2025-01-02&end=2025-01-02")
            let bars = try #require(try stats.json()["data"] as? [[String: Any]], "\(stats.text)")
            #expect(bars.count == 1 && bars[0]["open"] as? Double == 190.5 && bars[0]["high"] as? Double == 191.3
                    && bars[0]["close"] as? Double == 191.3 && bars[0]["volume"] as? Int == 2_690, "\(stats.text)")
        }
    }

    /// CSV problems are 400s; trades the API would refuse get the API's status and field names.
    @Test(arguments: [
        ("timestamp,price\n2025-01-02T09:30:00Z,190.5\n", "AAPL", 400, "no 'volume' column"),
        ("timestamp,price,volume\n2025-01-02T09:30:00Z,190.5,1\n", nil, 400, "no 'symbol' column"),
        ("timestamp,price,volume\n2025-01-02T09:30:00Z,abc,1\n", "AAPL", 422, "trades[0].price"),
        ("timestamp,price,volume\n2025-01-02T09:30:00Z,1.,1\n", "AAPL", 422, "trades[0].price"),
        ("timestamp,price,volume\nyesterday,1.5,1\n", "AAPL", 422, "trades[0].timestamp"),
        ("timestamp,price,volume\n2025-01-02T09:30:00Z,\"1,5\",1,7\n", "AAPL", 400, "not valid CSV"),
    ] as [(String, String?, Int, String)])
    func badFilesAreRefusedAndWriteNothing(text: String, symbol: String?, status: Int, problem: String) async throws {
        try await ServiceHarness.with(.local) { harness in
            let path = try Self.file(text, named: "bad.csv")
            do {
                _ = try await TradeFileIngest.ingest(path: path, symbol: symbol, exchange: nil, idempotencyKey: nil, into: harness.service.lake)
                Issue.record("\(text) was stored")
            } catch let error as HTTPError {
                #expect(error.status.code == status && (error.message + "\(error.details)").contains(problem), "\(error)")
            }
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
        }
    }

    @Test(arguments: [("0", true), ("-0", true), ("12", true), ("-1.5e-3", true), ("1E+9", true), ("190.50", true),
                      ("", false), ("-", false), ("01", false), ("1.", false), (".5", false), ("+1", false), ("1e", false),
                      ("0x10", false), ("1 ", false), ("NaN", false), ("inf", false)])
    func cellsBecomeJSONNumbersOnlyWhenWrittenAsOne(cell: String, isNumber: Bool) {
        #expect(TradeCSVBody.isJSONNumber(Array(cell.utf8)) == isNumber)
    }

    /// The command itself: the summary on stdout and exit 0, or the problem on stderr and exit 1.
    @Test func commandPrintsTheSummaryOrTheProblem() throws {
        let directory = try TestEnvironment.temporaryDirectory("ingest-command")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try Self.file(Self.csv, named: "good.csv")
        let stored = try ServeProcess.command(["ingest", good, "--symbol", "AAPL", "--exchange", "NASDAQ", "--data-dir", directory.path])
        #expect(stored.status == 0, "\(stored.standardError)")
        #expect(stored.output.contains(#""accepted":3"#) && stored.output.contains(#""duplicate":false"#), "\(stored.output)")
        let json = try Self.file(#"{"trades":[{"timestamp":"2025-01-02T09:30:00Z","symbol":"MSFT","price":1,"volume":1}]}"#, named: "t.json")
        let refused = try ServeProcess.command(["ingest", json, "--symbol", "AAPL", "--data-dir", directory.path])
        #expect(refused.status == 1 && refused.standardError.contains("--symbol applies to CSV files"), "\(refused.standardError)")
        let fromJSON = try ServeProcess.command(["ingest", json, "--data-dir", directory.path])
        #expect(fromJSON.status == 0 && fromJSON.output.contains(#""symbol":"MSFT""#), "\(fromJSON.standardError)")
    }
}
