import LakeCore
import Testing

/// Symbol spellings from the seeds' clients: the normalised form, the instrument type and the
/// characteristics each format encodes.
@Suite struct SymbolClassifierTests {
    @Test(arguments: [
        (" aapl ", "AAPL", "equity", []),
        ("GOOGL", "GOOGL", "equity", []),
        ("brk.b", "BRK.B", "equity", ["share_class:B"]),
        ("BF-B", "BF-B", "equity", ["share_class:B"]),
        ("RELIANCE.NS", "RELIANCE.NS", "equity", ["exchange:NSE"]),
        ("7203.T", "7203.T", "equity", ["exchange:TSE"]),
        ("nse:cipla-eq", "NSE_CIPLA-EQ", "equity", ["exchange:NSE", "series:EQ"]),
        ("NSE_CIPLA-EQ", "NSE_CIPLA-EQ", "equity", ["exchange:NSE", "series:EQ"]),
        ("NSE:NIFTY50-INDEX", "NSE_NIFTY50-INDEX", "index", ["exchange:NSE", "series:INDEX"]),
        ("NFO:NIFTY24JANFUT", "NFO_NIFTY24JANFUT", "future", ["exchange:NFO"]),
        ("NFO:NIFTY24JAN21000CE", "NFO_NIFTY24JAN21000CE", "option", ["exchange:NFO", "right:call"]),
        ("btcusdt", "BTCUSDT", "crypto", ["base:BTC", "quote:USDT", "stablecoin_quote"]),
        ("BTC/USDT", "BTCUSDT", "crypto", ["base:BTC", "quote:USDT", "stablecoin_quote"]),
        ("eth-btc", "ETHBTC", "crypto", ["base:ETH", "quote:BTC"]),
        ("BTCFDUSD", "BTCFDUSD", "crypto", ["base:BTC", "quote:FDUSD", "stablecoin_quote"]),
        ("BTCUSD", "BTCUSD", "crypto", ["base:BTC", "quote:USD"]),
        ("X:BTCUSD", "X:BTCUSD", "crypto", ["base:BTC", "quote:USD", "provider_prefix"]),
        ("EURUSD", "EURUSD", "forex", ["base:EUR", "quote:USD"]),
        ("gbp/jpy", "GBPJPY", "forex", ["base:GBP", "quote:JPY"]),
        ("C:EURUSD", "C:EURUSD", "forex", ["base:EUR", "quote:USD", "provider_prefix"]),
        ("AAPL240119C00150000", "AAPL240119C00150000", "option", ["underlying:AAPL", "expiry:2024-01-19", "right:call", "strike:150"]),
        ("SPY241220P00455500", "SPY241220P00455500", "option", ["underlying:SPY", "expiry:2024-12-20", "right:put", "strike:455.5"]),
        ("^GSPC", "^GSPC", "index", []),
        ("I:SPX", "I:SPX", "index", ["provider_prefix"]),
        ("ABNB", "ABNB", "equity", []),
        ("GBTC", "GBTC", "equity", []),
    ] as [(String, String, String, [String])])
    func recognisedFormatsAreNormalisedAndDescribed(input: String, normalized: String, type: String, characteristics: [String]) throws {
        let classification = try SymbolClassifier.classify(input)
        #expect(classification.normalized == normalized)
        #expect(classification.type?.rawValue == type)
        #expect(classification.characteristics == characteristics)
    }

    @Test(arguments: ["INVALID", "E2E_BARS", "AAPL251399C00150000", "X:", "TOOLONGWORD"])
    func unknownFormatsAreNotRecognised(input: String) throws {
        let classification = try SymbolClassifier.classify(input)
        #expect(!classification.isRecognized)
        #expect(classification.normalized == input)
    }

    @Test(arguments: [("", "empty"), ("   ", "empty"), ("AA PL", "may hold only"), ("AAPL;DROP", "may hold only"),
                      (String(repeating: "A", count: 81), "longer than 80"), ("ÄPFEL", "may hold only")])
    func impossibleSymbolsAreErrors(input: String, problem: String) {
        #expect { try SymbolClassifier.classify(input) } throws: { ($0 as? SymbolFormatError)?.description.contains(problem) == true }
    }

    /// Random texts over the characters symbols use (and some they do not): never a crash,
    /// and a normalised symbol classifies to itself with the same type.
    @Test func arbitraryTextsClassifyIdempotentlyOrFail() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789._-/:^=& ;é")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % 1_000_003)
        }
        let prefixes = ["", "X:", "C:", "NSE:", "NFO_", "^", "O:AAPL2401", "BTC/"]
        for _ in 0..<5_000 {
            let text = prefixes[next() % prefixes.count] + String((0..<(next() % 24)).map { _ in alphabet[next() % alphabet.count] })
            guard let first = try? SymbolClassifier.classify(text) else { continue }
            #expect(first.normalized.utf8.count <= SymbolClassifier.maximumLength && !first.normalized.contains { $0.isLowercase })
            let again = try SymbolClassifier.classify(first.normalized)
            #expect(again.normalized == first.normalized && again.type == first.type, "\(text)")
        }
    }

    @Test func lakeSpellingsAreOfferedAndLakeIdentifiersTold() throws {
        let yahoo = try SymbolClassifier.classify("cipla.ns")
        #expect(yahoo.alternatives == ["NSE_CIPLA-EQ"] && yahoo.exchange == "NSE")
        #expect(yahoo.isLakeIdentifier)
        #expect(try !SymbolClassifier.classify("^GSPC").isLakeIdentifier)
        #expect(try !SymbolClassifier.classify("NSE:M&M-EQ").isLakeIdentifier)
        #expect(try SymbolClassifier.classify("NSE:M&M-EQ").type == .equity)
    }
}
