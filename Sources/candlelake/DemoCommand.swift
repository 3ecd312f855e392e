import Foundation
import LakeCatalog
import LakeCore
import LakeQuery
import LakeServer
import LakeStorage

/// `candlelake demo`: fills the local lake with realistic one-minute bars so that a new user
/// sees a working service at once.
///
/// `--symbols N` (default 6, at most 12) instruments round-robin over NASDAQ/NYSE, NSE and
/// BINANCE (or only `--exchange X`), `--days D` (default 30) UTC days ending yesterday (or
/// `--end YYYY-MM-DD`, exclusive), `--seed S`. Writes Parquet partitions under
/// `DATA_DIR/lake` (`--data-dir`, default ./data) with the standard layout and indexes them in
/// the catalog at `CATALOG_PATH` (default `DATA_DIR/catalog.sqlite`), as `serve` reads them.
struct DemoCommand: Subcommand {
    static let name = "demo"
    static let summary = "write demo 1-minute bars into the local lake (--symbols, --days, --data-dir)"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let symbolCount = try arguments.option("symbols", as: Int.self) ?? 6
        let days = try arguments.option("days", as: Int.self) ?? 30
        let seed = try arguments.option("seed", as: UInt64.self) ?? 1
        let exchange: String? = try arguments.option("exchange")
        let endText: String? = try arguments.option("end")
        let lake = try LocalLake(arguments: &arguments)
        try arguments.finish()
        guard (1...3_660 * 3).contains(days) else { throw UsageError("--days must be 1…10980") }
        var instruments = DemoUniverse.instruments
        if let exchange { instruments = instruments.filter { $0.exchange.caseInsensitiveCompare(exchange) == .orderedSame } }
        guard (1...instruments.count).contains(symbolCount) else {
            throw UsageError("--symbols must be 1…\(instruments.count)\(exchange.map { " for \($0)" } ?? "")")
        }
        let endDay = try endText.map { text -> Int64 in
            guard let time = RFC3339.parse(text + "T00:00:00Z", unit: .milliseconds) else { throw UsageError("--end '\(text)' is not YYYY-MM-DD") }
            return time / 86_400_000
        } ?? Int64(Date().timeIntervalSince1970 / 86_400)
        let writer = DemoLakeWriter(store: lake.store, catalog: lake.catalog, layout: lake.layout)
        var references: [SymbolReference] = []
        for (index, instrument) in instruments.prefix(symbolCount).enumerated() {
            var generator = DemoBarGenerator(seed: seed &+ UInt64(index))
            let batches = generator.minuteBars(session: .forExchange(instrument.exchange), startPrice: instrument.startPrice,
                                               days: (endDay - Int64(days))..<endDay, gaps: true)
            var rows = 0
            for (_, bars) in batches {
                try await writer.write(bars, timeframe: .oneMinute, exchange: instrument.exchange, symbol: instrument.symbol)
                rows += bars.count
            }
            references.append(SymbolReference(symbol: instrument.symbol, exchange: instrument.exchange, name: instrument.name,
                                              type: instrument.type, active: true))
            print("\(instrument.exchange):\(instrument.symbol): \(batches.count) objects, \(rows) one-minute bars")
        }
        try lake.catalog.upsertReference(references, updatedAt: Int64(Date().timeIntervalSince1970 * 1000))
        print("lake: \(lake.store.root)\ncatalog: \(lake.catalogPath)")
        return 0
    }
}
