import Foundation
import LakeHTTP
import LakeServer

/// `candlelake ingest FILE [--symbol S] [--exchange E] [--idempotency-key K]`: stores a file of
/// trades in the lake exactly as `POST /v1/trades/ingest` would (see ``TradeFileIngest``) and
/// prints the same JSON summary. Takes the same configuration as `serve`; a running server
/// sees the new trades at once, since both share the catalog.
///
/// ```
/// candlelake ingest trades.json
/// candlelake ingest ticks.csv --symbol BTCUSDT --exchange BINANCE --idempotency-key 2025-01-02-part-7
/// ```
enum IngestCommand: Subcommand {
    static let name = "ingest"
    static let summary = "store trades from FILE.json (seed 003's body) or FILE.csv (timestamp,price,volume[,symbol]) as the ingest API does"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let file = try arguments.positional("FILE")
        let symbol = try arguments.option("symbol")
        let exchange = try arguments.option("exchange")
        let key = try arguments.option("idempotency-key")
        let configuration = try ConfigurationArguments.resolve(&arguments)
        try arguments.finish()
        let lake = try Lake.open(configuration)
        do {
            let summary = try await TradeFileIngest.ingest(path: file, symbol: symbol, exchange: exchange, idempotencyKey: key, into: lake)
            print(String(decoding: summary, as: UTF8.self))
            return 0
        } catch let error as HTTPError {
            var lines = ["candlelake ingest: \(error.code): \(error.message)"]
            for (field, problems) in error.details.sorted(by: { $0.key < $1.key }).prefix(20) {
                lines.append("  \(field): \(problems.joined(separator: "; "))")
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            return 1
        }
    }
}
