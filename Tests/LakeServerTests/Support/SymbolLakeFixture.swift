import Foundation
import LakeCatalog
import LakeCore
import Testing

/// The lake the symbol and ticker route tests query, written through the service's own
/// store and indexed by a real sync:
///
/// - `E2E_BARS` on NSE: 1m bars 2025-11-03 09:00–10:59 UTC (120) and 2025-11-04 09:00–09:59 (60).
/// - `BTCUSDT` on BINANCE: 1m bars 2025-11-03 09:00–10:59 (120) and precomputed 15m bars
///   09:00–10:45 (8); reference data "Bitcoin / Tether", crypto.
/// - `RECENT_CO` on NYSE: 30 1m bars from 09:00 UTC yesterday (active by its data).
/// - `AAPL` on NASDAQ: reference data only ("Apple Inc.", equity), no bars.
enum SymbolLakeFixture {
    static let november3 = LakeFixtures.november3
    static let nineUTC = november3 + 9 * 3_600_000

    static func write(into harness: ServiceHarness) async throws {
        let yesterday = (Int64(Date().timeIntervalSince1970) / 86_400 - 1) * 86_400_000
        let parts: [(String, BarBatch)] = [
            ("timeframe=1m/exchange=NSE/symbol=E2E_BARS/\(path(november3))", LakeFixtures.bars(count: 120)),
            ("timeframe=1m/exchange=NSE/symbol=E2E_BARS/\(path(november3 + 86_400_000))",
             LakeFixtures.bars(start: nineUTC + 86_400_000, count: 60)),
            ("timeframe=1m/exchange=BINANCE/symbol=BTCUSDT/\(path(november3))", LakeFixtures.bars(count: 120)),
            ("timeframe=15m/exchange=BINANCE/symbol=BTCUSDT/\(path(november3))", LakeFixtures.bars(count: 8, step: 900_000)),
            ("timeframe=1m/exchange=NYSE/symbol=RECENT_CO/\(path(yesterday))",
             LakeFixtures.bars(start: yesterday + 9 * 3_600_000, count: 30)),
        ]
        for (key, bars) in parts {
            try await harness.service.lake.store.put(harness.key(key), bytes: try LakeFixtures.parquet(bars))
        }
        // A sync that joins the start-up sync may have listed the store before these writes: sync
        // again until one ran after them (under load the start-up sync can still be running).
        for _ in 0..<3 {
            let sync = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"])
            try #require(sync.status == 200, "sync failed: \(sync.text)")
            if (try sync.json()["data"] as? [String: Any])?["joined"] as? Bool == false { break }
        }
        try harness.service.lake.catalog.upsertReference([
            SymbolReference(symbol: "BTCUSDT", exchange: "BINANCE", name: "Bitcoin / Tether", type: "crypto"),
            SymbolReference(symbol: "AAPL", exchange: "NASDAQ", name: "Apple Inc.", type: "equity", sector: "Technology"),
        ], updatedAt: 1)
    }

    /// `year=YYYY/month=MM/day=DD/part-00000.parquet` of the UTC day holding `time`.
    static func path(_ time: Int64) -> String {
        let date = CivilDate(daysSinceEpoch: time / 86_400_000)
        func padded(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "year=\(date.year)/month=\(padded(date.month))/day=\(padded(date.day))/part-00000.parquet"
    }
}
