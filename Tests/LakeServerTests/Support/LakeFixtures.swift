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
