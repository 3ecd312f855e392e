import LakeCatalog
import LakeServer
import Testing

/// The reference-data CSV loaded by `candlelake catalog load-symbols`.
@Suite struct SymbolReferenceFileTests {
    @Test func recordsCarryWhatTheFileSaysAndNothingElse() throws {
        let file = """
            symbol,exchange,name,type,sector,active,first_bar
            NSE_CIPLA-EQ,NSE,Cipla Ltd,equity,Healthcare,true,2020-01-01
            BTCUSDT,BINANCE,"Bitcoin / Tether",crypto,,,
            OLDCO,NYSE,,,,no,
            """
        let references = try SymbolReferenceFile.parse(Array(file.utf8))
        #expect(references == [
            SymbolReference(symbol: "NSE_CIPLA-EQ", exchange: "NSE", name: "Cipla Ltd", type: "equity", sector: "Healthcare",
                            firstBar: 1_577_836_800_000),
            SymbolReference(symbol: "BTCUSDT", exchange: "BINANCE", name: "Bitcoin / Tether", type: "crypto"),
            SymbolReference(symbol: "OLDCO", exchange: "NYSE", active: false),
        ])
        let catalog = try Catalog.inMemory()
        try catalog.upsertReference(references, updatedAt: 1)
        #expect(try catalog.searchSymbols(Catalog.SymbolSearch(text: "cipla")).items.map(\.name) == ["Cipla Ltd"])
    }

    @Test(arguments: [
        ("symbol,exchange,nmae\nA,NYSE,x", "line 1: unknown column 'nmae'"),
        ("symbol,exchange\nA,", "line 2: symbol and exchange are required"),
        ("symbol,exchange\nA,NYSE\n../x,NYSE", "line 3: symbol '../x' must start with a letter or digit"),
        ("symbol,exchange,active\nA,NYSE,maybe", "line 2: active 'maybe' is not true or false"),
        ("symbol,exchange,last_bar\nA,NYSE,yesterday", "line 2: last_bar 'yesterday' is not YYYY-MM-DD"),
        ("symbol,exchange\nA,NYSE,extra", "fields"),
        ("", "no header row"),
    ])
    func badFilesAreRefusedNamingTheLine(file: String, problem: String) {
        #expect { try SymbolReferenceFile.parse(Array(file.utf8)) } throws: { error in
            String(describing: error).contains(problem)
        }
    }
}
