import LakeCatalog
import LakeCore
import LakeHTTP

/// Where a batch of trades goes: the lake's spelling of its symbol and the exchange.
///
/// The symbol is valid when its spelling matches a known format or the lake holds it (the rule
/// of `POST /api/v1/validate`); the lake's spelling wins (`btc-usdt` → `BTCUSDT`). The exchange
/// is the one the request names (`?exchange=`), else the one the lake holds the symbol on,
/// else the one its spelling names (`NSE_CIPLA-EQ` → `NSE`), else ``unknownExchange``.
struct IngestTarget: Sendable, Hashable {
    let symbol: String
    let exchange: String

    /// The exchange of a new symbol whose spelling names none (seed 003 has no exchanges).
    static let unknownExchange = "UNKNOWN"

    /// The target of trades spelled `text`, optionally on `exchange`.
    /// - Throws: `HTTPError` 422 naming `trades[0].symbol` or `exchange`.
    static func resolve(_ text: String, exchange requested: String?, catalog: Catalog) throws -> IngestTarget {
        func invalid(_ field: String, _ problem: String) -> HTTPError {
            HTTPError(.unprocessableContent, code: "VALIDATION_ERROR", message: "\(field): \(problem)", details: [field: [problem]])
        }
        if let requested {
            do {
                try LayoutIdentifier.validateExchange(requested)
            } catch {
                throw invalid("exchange", error.reason)
            }
        }
        let classification: SymbolClassification
        do {
            classification = try SymbolClassifier.classify(text)
        } catch {
            throw invalid("trades[0].symbol", error.description)
        }
        let match = try LakeSymbolResolver(catalog: catalog).resolve(text, exchange: requested)
        guard classification.isRecognized || match != nil else {
            throw invalid("trades[0].symbol", "'\(classification.normalized)' matches no known symbol format and is not in the lake")
        }
        let symbol = match?.symbol ?? classification.normalized
        do {
            try LayoutIdentifier.validateSymbol(symbol)
        } catch {
            throw invalid("trades[0].symbol", error.reason)
        }
        if let requested { return IngestTarget(symbol: symbol, exchange: requested) }
        let exchanges = Set(match?.series.map(\.exchange) ?? []).sorted()
        guard exchanges.count <= 1 else {
            throw invalid("exchange", "the lake holds '\(symbol)' on \(exchanges.joined(separator: ", ")): name one with ?exchange=")
        }
        return IngestTarget(symbol: symbol, exchange: exchanges.first ?? classification.exchange ?? unknownExchange)
    }
}
