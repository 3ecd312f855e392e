import LakeCatalog
import LakeCore

/// Finds the spelling under which the lake holds a symbol as a client typed it: as typed,
/// then normalised (`btc/usdt` → `BTCUSDT`, `nse:cipla-eq` → `NSE_CIPLA-EQ`), then the lake
/// spellings of other conventions (`CIPLA.NS` → `NSE_CIPLA-EQ`). Lake symbols are
/// case-sensitive, so the exact spelling always wins.
struct LakeSymbolResolver: Sendable {
    /// The catalog asked.
    let catalog: Catalog

    /// A symbol the lake holds and its stored series (on `exchange`, when named).
    struct Match: Sendable {
        let symbol: String
        let series: [SeriesSummary]
    }

    /// The spellings to try, in order, without repeats; only ones that can be lake symbols.
    static func spellings(of text: String) -> [String] {
        var candidates = [text]
        if let classification = try? SymbolClassifier.classify(text) {
            candidates.append(classification.normalized)
            candidates += classification.alternatives
        }
        var seen = Set<String>()
        return candidates.filter { (try? LayoutIdentifier.validateSymbol($0)) != nil && seen.insert($0).inserted }
    }

    /// The first spelling of `text` with data in the lake, or nil.
    func resolve(_ text: String, exchange: String? = nil) throws -> Match? {
        for symbol in Self.spellings(of: text) {
            let series = try catalog.series(symbol: symbol, exchange: exchange)
            if !series.isEmpty { return Match(symbol: symbol, series: series) }
        }
        return nil
    }
}
