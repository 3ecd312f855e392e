import Foundation
import LakeTestSupport
import Testing

/// `candlelake catalog compact`, run as a user runs it, over trades stored by `candlelake ingest`.
@Suite struct CompactCommandTests {
    @Test func theCommandMergesADayOfIngestedFilesAndPrintsWhatItDid() throws {
        let directory = try TestEnvironment.temporaryDirectory("compact-command")
        defer { try? FileManager.default.removeItem(at: directory) }
        for batch in 0..<4 {
            let path = directory.appendingPathComponent("batch-\(batch).csv").path
            let rows = (0..<5).map { "2025-01-02T09:\(10 + batch):0\($0)Z,\(100 + batch).5,\($0 + 1)" }
            try Data(("timestamp,price,volume\n" + rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
            let stored = try ServeProcess.command(["ingest", path, "--symbol", "AAPL", "--exchange", "NASDAQ", "--data-dir", directory.path])
            #expect(stored.status == 0, "\(stored.standardError)")
        }
        let compacted = try ServeProcess.command(["catalog", "compact", "--timeframe", "trades", "--symbol", "AAPL", "--start", "2025-01-02",
                                                  "--end", "2025-01-02", "--data-dir", directory.path])
        #expect(compacted.status == 0, "\(compacted.standardError)")
        #expect(compacted.output.contains("day=02/: 4 → 1 objects, 20 rows"), "\(compacted.output)")
        let stats = try ServeProcess.command(["catalog", "stats", "--data-dir", directory.path])
        #expect(stats.output.contains("objects 1, rows 20"), "\(stats.output)")

        let refused = try ServeProcess.command(["catalog", "compact", "--min-parts", "1", "--data-dir", directory.path])
        #expect(refused.status != 0 && refused.standardError.contains("min_parts"), "\(refused.standardError)")
    }
}
