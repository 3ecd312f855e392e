import Foundation
import LakeHTTP

/// `candlelake ingest`'s work: a file of trades stored in the lake exactly as `POST
/// /v1/trades/ingest` stores a request body — the same validation, Parquet parts per UTC day,
/// catalog rows and idempotency record, with no server in between.
///
/// A `.json` file is seed 003's body (`{"trades": […]}` or a bare list). A `.csv` file has a
/// header naming `timestamp`, `price` and `volume` columns (and `symbol`, unless `symbol` is
/// given); its rows become that body (``TradeCSVBody``).
///
/// ```swift
/// let outcome = try await TradeFileIngest.ingest(path: "trades.csv", symbol: "BTCUSDT", exchange: "BINANCE",
///                                                idempotencyKey: nil, into: lake)
/// print(String(decoding: outcome, as: UTF8.self))   // the same summary the API answers
/// ```
public enum TradeFileIngest {
    /// Stores the trades of the file at `path`; returns the summary as JSON.
    /// - Throws: ``HTTPError`` (400/413/422) naming the problem, as the API would answer it; I/O and store errors.
    public static func ingest(path: String, symbol: String?, exchange: String?, idempotencyKey: String?,
                              into lake: Lake) async throws -> [UInt8] {
        let isCSV = path.lowercased().hasSuffix(".csv") || path.lowercased().hasSuffix(".csv.gz")
        if !isCSV, symbol != nil {
            throw HTTPError(.badRequest, message: "--symbol applies to CSV files; a JSON body names its symbol in each trade")
        }
        let body: [UInt8]
        if isCSV {
            body = try TradeCSVBody.read(csvAt: path, symbol: symbol, limit: TradeIngestor.maximumBodyBytes)
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { throw HTTPError(.badRequest, message: "cannot read '\(path)'") }
            body = [UInt8](data)
        }
        guard body.count <= TradeIngestor.maximumBodyBytes else {
            throw HTTPError(.contentTooLarge, message: "'\(path)' holds more than one batch may (\(TradeIngestor.maximumBodyBytes) bytes of JSON); split it")
        }
        return try await TradeIngestor(lake: lake).ingest(body, idempotencyKey: idempotencyKey, exchange: exchange).response
    }
}
