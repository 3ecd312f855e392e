import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeServer
import LakeStorage
import LakeTestSupport

/// Partition files and lakes for the service tests.
enum LakeFixtures {
    /// Epoch ms of `2025-11-03T00:00:00Z`.
    static let november3: Int64 = 1_762_128_000_000

    /// `count` one-minute bars starting at `start` (epoch ms), deterministic prices.
    static func bars(start: Int64 = november3 + 9 * 3_600_000, count: Int, step: Int64 = 60_000) -> BarBatch {
        let time = (0..<count).map { start + Int64($0) * step }
        let open = (0..<count).map { 100 + Double($0) }
        return BarBatch(time: time, open: open, high: open.map { $0 + 2 }, low: open.map { $0 - 1 }, close: open.map { $0 + 1 },
                        volume: (0..<count).map { Double(1000 + $0) })
    }

    /// The bars as a Parquet file.
    /// `bars` as Parquet with the `close` column replaced by `close` (a bad one, for refusals).
    static func parquet(_ bars: BarBatch, close: Column) throws -> [UInt8] {
        let table = bars.columnTable()
        return try ParquetWriter.write(ColumnTable(columns: table.columns.map { $0.name == "close" ? close : $0 }, rowCount: table.rowCount))
    }

    static func parquet(_ bars: BarBatch) throws -> [UInt8] {
        try ParquetWriter.write(bars: bars)
    }

    /// The bars as CSV with a header.
    static func csv(_ bars: BarBatch) -> [UInt8] {
        var output: [UInt8] = []
        let table = bars.columnTable()
        CSVWriter.appendHeader(table, to: &output)
        CSVWriter.append(table, to: &output)
        return output
    }

    /// Writes a valid bars CSV of about `mebibytes` MiB to `path` (a 1 MiB block of one-second
    /// bars from 09:00 on November 3, repeated), without holding it in memory; returns its rows.
    @discardableResult
    static func writeLargeCSV(at path: String, mebibytes: Int) throws -> Int {
        var block: [UInt8] = []
        var blockRows = 0
        while block.count < 1 << 20 {
            let time = november3 + 9 * 3_600_000 + Int64(blockRows) * 1000
            block += Array("\(time),\(100 + blockRows % 50).25,\(102 + blockRows % 50).5,\(99 + blockRows % 50).75,\(101 + blockRows % 50),\(1000 + blockRows)\n".utf8)
            blockRows += 1
        }
        try Data("timestamp,open,high,low,close,volume\n".utf8).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let data = Data(block)
        for _ in 0..<mebibytes { try handle.write(contentsOf: data) }
        return blockRows * mebibytes
    }

    /// Bars of November 3 (30 ms apart from midnight, row groups of 256 Ki rows, uncompressed
    /// random prices) written by pyarrow; the last `lastRowsNextDay` rows fall on November 4.
    static func writeParquet(at path: String, rows: Int, statistics: Bool, lastRowsNextDay: Int = 0) async throws {
        let result = try await ServiceHarness.python("""
            import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
            rows, stats, spill = int(sys.argv[2]), sys.argv[3] == '1', int(sys.argv[4])
            times = \(LakeFixtures.november3) + np.arange(rows, dtype=np.int64) * 30
            if spill:
                times[rows - spill:] = \(LakeFixtures.november3 + 86_400_000) + np.arange(spill, dtype=np.int64)
            prices = np.random.default_rng(7).random((5, rows)) * 100
            table = pa.table({'timestamp': pa.array(times, pa.timestamp('ms', tz='UTC')), 'open': prices[0], 'high': prices[1],
                              'low': prices[2], 'close': prices[3], 'volume': prices[4]})
            pq.write_table(table, sys.argv[1], row_group_size=262144, compression='none', write_statistics=stats)
            """, [path, String(rows), statistics ? "1" : "0", String(lastRowsNextDay)])
        guard result.status == 0 else { throw ServiceHarness.CurlFailure(description: "pyarrow: \(result.standardError)") }
    }

    /// A lake over a fresh temporary directory with an in-memory catalog.
    static func localLake(basePrefix: String = "") throws -> (Lake, URL) {
        let directory = try TestEnvironment.temporaryDirectory("lake")
        let store = try FileStore(root: directory.appendingPathComponent("lake").path)
        let lake = Lake(store: store, catalog: try Catalog.inMemory(), location: .directory(store.root), basePrefix: basePrefix)
        return (lake, directory)
    }

    /// `timeframe=1m/exchange=NSE/symbol=SYMBOL/year=2025/month=11/day=DD/NAME`.
    static func key(_ symbol: String, day: Int = 3, name: String = "part-00000.parquet", prefix: String = "") -> String {
        let relative = "timeframe=1m/exchange=NSE/symbol=\(symbol)/year=2025/month=11/day=\(day < 10 ? "0" : "")\(day)/\(name)"
        return prefix.isEmpty ? relative : prefix + "/" + relative
    }
}
