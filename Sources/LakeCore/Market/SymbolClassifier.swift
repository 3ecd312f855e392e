/// Recognises the symbol spellings the seeds' clients send and normalises them: trimmed,
/// upper-cased, and written the way the lake stores them where the mapping is mechanical.
///
/// | input | normalised | type | characteristics |
/// |---|---|---|---|
/// | ` aapl ` | `AAPL` | equity | |
/// | `BRK.B` | `BRK.B` | equity | `share_class:B` |
/// | `RELIANCE.NS` | `RELIANCE.NS` | equity | `exchange:NSE` (alternative `NSE_RELIANCE-EQ`) |
/// | `NSE:CIPLA-EQ` | `NSE_CIPLA-EQ` | equity | `exchange:NSE`, `series:EQ` |
/// | `btc/usdt` | `BTCUSDT` | crypto | `base:BTC`, `quote:USDT`, `stablecoin_quote` |
/// | `EURUSD` | `EURUSD` | forex | `base:EUR`, `quote:USD` |
/// | `AAPL240119C00150000` | same | option | `underlying:AAPL`, `expiry:2024-01-19`, `right:call`, `strike:150` |
/// | `^GSPC`, `I:SPX` | same | index | |
/// | `INVALID` | `INVALID` | nil (no known format) | |
///
/// A US share ticker is one to five letters, so a longer bare word matches no format; the
/// caller decides whether the lake holding it makes it valid anyway.
public enum SymbolClassifier {
    /// The longest input accepted (a lake symbol is at most 64 characters; provider prefixes add a few).
    public static let maximumLength = 80

    /// Classifies `text`.
    /// - Throws: ``SymbolFormatError`` when it is empty, too long or holds characters no symbol uses.
    public static func classify(_ text: String) throws(SymbolFormatError) -> SymbolClassification {
        let trimmed = text.trimmingASCIIWhitespace
        guard !trimmed.isEmpty else { throw SymbolFormatError("symbol is empty") }
        guard trimmed.utf8.count <= maximumLength else { throw SymbolFormatError("symbol is longer than \(maximumLength) characters") }
        // Upper-cased byte by byte: only ASCII is accepted, and Unicode case mapping could
        // turn a foreign letter into ASCII ones ("ß" → "SS").
        let symbol = String(decoding: trimmed.utf8.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? $0 - 32 : $0 },
                            as: UTF8.self)
        guard symbol.utf8.allSatisfy({ isAlphanumeric($0) || Self.punctuation.contains($0) }) else {
            throw SymbolFormatError("symbol '\(trimmed)' may hold only letters, digits and . _ - / : ^ = &")
        }
        return providerPrefixed(symbol) ?? indianExchangePrefixed(symbol) ?? suffixed(symbol) ?? option(symbol)
            ?? pair(symbol) ?? shareTicker(symbol) ?? SymbolClassification(normalized: symbol, type: nil)
    }

    private static let punctuation: Set<UInt8> = Set("._-/:^=&".utf8)

    /// Quote assets of crypto pairs, longest first so that `BTCFDUSD` is FDUSD, not USD.
    static let cryptoQuotes = ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "DAI", "BTC", "ETH", "BNB"]
    /// Stablecoins among the quotes.
    static let stablecoins: Set<String> = ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "DAI"]
    /// ISO 4217 codes of the currencies that make up forex pairs and fiat-quoted crypto pairs.
    static let fiatCurrencies: Set<String> = ["USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD", "CNY", "CNH", "HKD",
                                              "SGD", "INR", "SEK", "NOK", "DKK", "KRW", "TRY", "BRL", "MXN", "ZAR", "PLN"]
    /// Exchange suffixes of Yahoo-style tickers (`7203.T`, `RELIANCE.NS`).
    static let exchangeSuffixes: [String: String] = ["NS": "NSE", "BO": "BSE", "L": "LSE", "T": "TSE", "HK": "HKEX",
                                                     "TO": "TSX", "AX": "ASX", "DE": "XETRA", "PA": "EPA", "KS": "KRX",
                                                     "SS": "SSE", "SZ": "SZSE"]
    /// Exchange segments of Indian broker symbols (`NSE:CIPLA-EQ`, `NFO:NIFTY24JANFUT`).
    static let indianSegments: Set<String> = ["NSE", "BSE", "NFO", "BFO", "MCX", "CDS"]

    /// Polygon's `X:` (crypto), `C:` (forex), `I:` (index) and `O:` (option) prefixes.
    private static func providerPrefixed(_ symbol: String) -> SymbolClassification? {
        let parts = symbol.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 1, !parts[1].isEmpty else { return nil }
        let body = String(parts[1])
        let inner: SymbolClassification?
        switch parts[0] {
        case "X": inner = pair(body)
        case "C": inner = pair(body).flatMap { $0.type == .forex ? $0 : nil }
        case "O": inner = option(body)
        case "I": inner = body.utf8.allSatisfy(isAlphanumeric) ? SymbolClassification(normalized: body, type: .index) : nil
        default: inner = nil
        }
        guard let inner else { return nil }
        return SymbolClassification(normalized: symbol, type: inner.type, characteristics: inner.characteristics + ["provider_prefix"])
    }

    /// `NSE:CIPLA-EQ` or `NSE_CIPLA-EQ` → `NSE_CIPLA-EQ` (the lake writes `_`: `:` is not a key character).
    private static func indianExchangePrefixed(_ symbol: String) -> SymbolClassification? {
        guard let separator = symbol.firstIndex(where: { $0 == ":" || $0 == "_" }),
              indianSegments.contains(String(symbol[..<separator])) else { return nil }
        let segment = String(symbol[..<separator])
        let body = symbol[symbol.index(after: separator)...]
        guard !body.isEmpty, body.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "&") }) else { return nil }
        let normalized = segment + "_" + body
        var characteristics = ["exchange:\(segment)"]
        let type: SymbolClassification.InstrumentType
        if let dash = body.lastIndex(of: "-") {
            let series = String(body[body.index(after: dash)...])
            guard !series.isEmpty, body[..<dash].first != nil else { return nil }
            characteristics.append("series:\(series)")
            type = series == "INDEX" ? .index : .equity
        } else if body.hasSuffix("FUT") {
            type = .future
        } else if body.hasSuffix("CE") || body.hasSuffix("PE"), body.dropLast(2).last?.isNumber == true {
            type = .option
            characteristics.append("right:\(body.hasSuffix("CE") ? "call" : "put")")
        } else {
            type = .equity
        }
        return SymbolClassification(normalized: normalized, type: type, characteristics: characteristics, exchange: segment)
    }

    /// `RELIANCE.NS`, `7203.T`, `BRK.B`, `BF-B`; `^GSPC`.
    private static func suffixed(_ symbol: String) -> SymbolClassification? {
        if symbol.hasPrefix("^"), symbol.utf8.dropFirst().allSatisfy(isAlphanumeric), symbol.utf8.count > 1 {
            return SymbolClassification(normalized: symbol, type: .index)
        }
        guard let dot = symbol.lastIndex(where: { $0 == "." || $0 == "-" }) else { return nil }
        let base = symbol[..<dot], suffix = String(symbol[symbol.index(after: dot)...])
        guard (1...10).contains(base.utf8.count), base.utf8.allSatisfy(isAlphanumeric), !suffix.isEmpty else { return nil }
        if symbol[dot] == ".", let exchange = exchangeSuffixes[suffix] {
            let alternatives = exchange == "NSE" ? ["NSE_\(base)-EQ"] : []
            return SymbolClassification(normalized: symbol, type: .equity, characteristics: ["exchange:\(exchange)"],
                                        exchange: exchange, alternatives: alternatives)
        }
        guard suffix.utf8.count == 1, isLetter(suffix.utf8.first!), base.utf8.count <= 5, base.utf8.allSatisfy(isLetter) else { return nil }
        return SymbolClassification(normalized: symbol, type: .equity, characteristics: ["share_class:\(suffix)"])
    }

    /// OCC option symbols: root (1–6 letters), `YYMMDD`, `C`/`P`, strike × 1000 in 8 digits.
    private static func option(_ symbol: String) -> SymbolClassification? {
        let bytes = Array(symbol.utf8)
        guard bytes.count >= 16, bytes.count <= 21 else { return nil }
        let rootLength = bytes.count - 15
        let root = bytes[..<rootLength], dateDigits = bytes[rootLength..<(rootLength + 6)], right = bytes[rootLength + 6]
        let strike = bytes[(rootLength + 7)...]
        guard root.allSatisfy(isLetter), dateDigits.allSatisfy(isDigit), strike.allSatisfy(isDigit),
              right == UInt8(ascii: "C") || right == UInt8(ascii: "P") else { return nil }
        let digits = String(decoding: dateDigits, as: UTF8.self)
        let (year, month, day) = (2000 + Int(digits.prefix(2))!, Int(digits.dropFirst(2).prefix(2))!, Int(digits.suffix(2))!)
        let date = CivilDate(year: Int64(year), month: month, day: day)
        guard date.isValid else { return nil }
        let thousandths = Int(String(decoding: strike, as: UTF8.self))!
        let strikeText = thousandths % 1000 == 0 ? String(thousandths / 1000)
            : String(thousandths / 1000) + "." + String(String(thousandths % 1000 + 1000).dropFirst()).trimmingTrailingZeros
        return SymbolClassification(normalized: symbol, type: .option, characteristics: [
            "underlying:\(String(decoding: root, as: UTF8.self))", "expiry:\(date)",
            "right:\(right == UInt8(ascii: "C") ? "call" : "put")", "strike:\(strikeText)"])
    }

    /// `EURUSD`, `EUR/USD` (forex); `BTCUSDT`, `BTC/USDT`, `btc-usdt`, `ETHBTC`, `BTCUSD` (crypto) → no separator.
    static func pair(_ symbol: String) -> SymbolClassification? {
        let parts = symbol.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" }).map(String.init)
        let base: String, quote: String
        if parts.count == 2 {
            (base, quote) = (parts[0], parts[1])
            guard cryptoQuotes.contains(quote) || fiatCurrencies.contains(quote) else { return nil }
        } else if parts.count == 1, let found = cryptoQuotes.first(where: { symbol.hasSuffix($0) && symbol.count - $0.count >= 2 })
                    ?? (fiatCurrencies.contains(String(symbol.suffix(3))) && symbol.count >= 6 ? String(symbol.suffix(3)) : nil) {
            (base, quote) = (String(symbol.dropLast(found.count)), found)
        } else {
            return nil
        }
        guard (2...12).contains(base.utf8.count), base.utf8.allSatisfy(isAlphanumeric) else { return nil }
        let isForex = fiatCurrencies.contains(base) && fiatCurrencies.contains(quote)
        var characteristics = ["base:\(base)", "quote:\(quote)"]
        if stablecoins.contains(quote) { characteristics.append("stablecoin_quote") }
        return SymbolClassification(normalized: base + quote, type: isForex ? .forex : .crypto, characteristics: characteristics)
    }

    /// US share tickers: one to five letters.
    private static func shareTicker(_ symbol: String) -> SymbolClassification? {
        (1...5).contains(symbol.utf8.count) && symbol.utf8.allSatisfy(isLetter)
            ? SymbolClassification(normalized: symbol, type: .equity) : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, carriage returns and line feeds (never
    /// Unicode spaces: protocol fields and symbols are ASCII).
    public var trimmingASCIIWhitespace: SubSequence {
        var result = self[...]
        while let first = result.first, first == " " || first == "\t" || first == "\r" || first == "\n" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" || last == "\n" { result = result.dropLast() }
        return result
    }

    /// Without trailing `0`s (`"500"` → `"5"`).
    var trimmingTrailingZeros: SubSequence {
        var result = self[...]
        while result.last == "0" { result = result.dropLast() }
        return result
    }
}
