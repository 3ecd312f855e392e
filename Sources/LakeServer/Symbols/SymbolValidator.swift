import LakeCatalog
import LakeCore

/// Seed 000's `POST /api/v1/validate` for one symbol: the format (``SymbolClassifier``) and
/// the lake (``LakeSymbolResolver``) together.
///
/// A symbol is valid when its spelling matches a known format, or when the lake holds it
/// (lake symbols such as `E2E_BARS` need not follow any public convention). An unknown
/// spelling that the lake does not hold is `"Invalid symbol format"`, as in the seed.
struct SymbolValidator: Sendable {
    /// Where lake symbols and reference data are looked up.
    let catalog: Catalog
    /// Epoch ms: a lake symbol whose last bar is older is warned about.
    let activeSince: Int64
    /// `SYMBOL_ACTIVE_DAYS`, for the warning's wording.
    let activeDays: Int

    /// What the lake holds for a validated symbol (detailed answers only).
    struct LakeCoverage: Encodable {
        let symbol: String
        let exchanges: [String]
        let timeframes: [String]
        let rows: Int64
        let firstBar, lastBar: String

        enum CodingKeys: String, CodingKey {
            case symbol, exchanges, timeframes, rows, firstBar = "first_bar", lastBar = "last_bar"
        }
    }

    /// One symbol's answer; absent fields are left out.
    struct Result: Encodable {
        var valid: Bool
        var normalized: String?
        var type: String?
        var name: String?
        var exchange: String?
        var characteristics: [String]?
        var warnings: [String]?
        var lake: LakeCoverage?
        var error: String?
        var reason: String?
    }

    /// The answer for `text`; `detailed` adds characteristics, the reference name and the lake's coverage.
    func validate(_ text: String, detailed: Bool) throws -> Result {
        let classification: SymbolClassification
        do {
            classification = try SymbolClassifier.classify(text)
        } catch {
            return Result(valid: false, error: "Invalid symbol format", reason: error.description)
        }
        let match = try LakeSymbolResolver(catalog: catalog).resolve(text)
        guard classification.isRecognized || match != nil else {
            return Result(valid: false, error: "Invalid symbol format",
                          reason: "'\(classification.normalized)' matches no known symbol format and is not in the lake")
        }
        let exchanges = Array(Set(match?.series.map(\.exchange) ?? [])).sorted()
        let reference = try catalog.reference(symbol: match?.symbol ?? classification.normalized,
                                              exchange: exchanges.count == 1 ? exchanges[0] : nil)
        var result = Result(valid: true, normalized: classification.normalized,
                            type: reference?.type ?? classification.type?.rawValue ?? "unknown",
                            exchange: exchanges.count == 1 ? exchanges[0] : classification.exchange,
                            warnings: warnings(classification, match: match, exchanges: exchanges))
        if detailed {
            result.characteristics = classification.characteristics
            result.name = reference?.name
            result.lake = match.map { match in
                LakeCoverage(symbol: match.symbol, exchanges: exchanges, timeframes: Array(Set(match.series.map(\.timeframe))).sorted().map(\.canonical),
                             rows: match.series.reduce(0) { $0 + $1.rowCount },
                             firstBar: TimeParameter.formatWholeSeconds(match.series.map(\.firstTime).min()!),
                             lastBar: TimeParameter.formatWholeSeconds(match.series.map(\.lastTime).max()!))
            }
        }
        return result
    }

    private func warnings(_ classification: SymbolClassification, match: LakeSymbolResolver.Match?, exchanges: [String]) -> [String] {
        var warnings: [String] = []
        if !classification.isLakeIdentifier {
            warnings.append("'\(classification.normalized)' cannot be a lake symbol (letters, digits, '.', '_' and '-' only)")
        }
        guard let match else {
            warnings.append("not in the lake")
            return warnings
        }
        if !classification.isRecognized { warnings.append("format not recognised; valid because the lake holds it") }
        if match.symbol != classification.normalized { warnings.append("the lake stores it as '\(match.symbol)'") }
        if exchanges.count > 1 { warnings.append("in the lake on \(exchanges.joined(separator: ", ")): name the exchange in queries") }
        let lastBar = match.series.map(\.lastTime).max()!
        if lastBar < activeSince {
            warnings.append("no data in the last \(activeDays) days (last bar \(TimeParameter.formatWholeSeconds(lastBar)))")
        }
        return warnings
    }
}
