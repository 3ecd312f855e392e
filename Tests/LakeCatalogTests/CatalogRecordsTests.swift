import Testing
import LakeCatalog
import LakeCore

@Suite struct CatalogRecordsTests {
    static func referenceCatalog() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        try catalog.upsertReference([
            SymbolReference(symbol: "NSE_CIPLA-EQ", exchange: "NSE", name: "Cipla Ltd", type: "equity", sector: "Healthcare"),
            SymbolReference(symbol: "CIPLA", exchange: "BSE", name: "Cipla Limited", type: "equity"),
            SymbolReference(symbol: "AAPL", exchange: "NASDAQ", name: "Apple Inc.", type: "equity", sector: "Technology"),
            SymbolReference(symbol: "APLAPOLLO", exchange: "NSE", name: "APL Apollo Tubes", active: false),
            SymbolReference(symbol: "BTC-USDT", exchange: "BINANCE", name: "Bitcoin / Tether", type: "crypto", firstBar: 5, lastBar: 9),
        ], updatedAt: 1)
        try catalog.upsert([Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 0)])
        return catalog
    }

    /// (text, exchange, active only) → symbols in rank order.
    @Test(arguments: [
        ("cipla", nil, false, ["CIPLA", "NSE_CIPLA-EQ"]), ("CIPLA", "NSE", false, ["NSE_CIPLA-EQ"]),
        ("apl", nil, false, ["APLAPOLLO", "AAPL"]), ("apl", nil, true, ["AAPL"]), ("apple", nil, false, ["AAPL"]),
        ("tether", nil, false, ["BTC-USDT"]), ("", nil, false, ["AAPL", "APLAPOLLO", "BTC-USDT", "CIPLA", "NSE_CIPLA-EQ"]),
        ("%", nil, false, []), ("zzz", nil, false, []),
    ] as [(String, String?, Bool, [String])])
    func searchRanksExactThenPrefixThenSubstring(text: String, exchange: String?, activeOnly: Bool, expected: [String]) throws {
        let found = try Self.referenceCatalog().searchReference(text, exchange: exchange, activeOnly: activeOnly)
        #expect(found.map(\.symbol) == expected)
    }

    @Test func referenceFillsBarsFromTheLakeAndUpdatesInPlace() throws {
        let catalog = try Self.referenceCatalog()
        let apple = try #require(try catalog.reference(symbol: "AAPL"))
        #expect(apple.firstBar == Fixtures.january2025 + 13_500_000 && apple.sector == "Technology")
        #expect(try catalog.reference(symbol: "BTC-USDT")?.firstBar == 5)
        try catalog.upsertReference([SymbolReference(symbol: "AAPL", exchange: "NASDAQ", name: "Apple", active: false)], updatedAt: 2)
        #expect(try catalog.reference(symbol: "AAPL").map { ($0.name, $0.active, $0.sector) } ?? ("", true, "x") == ("Apple", false, nil))
        #expect(throws: LayoutError.self) { try catalog.upsertReference([SymbolReference(symbol: "../x", exchange: "NSE")], updatedAt: 3) }
    }

    @Test func ingestCommitIndexesObjectsAndRecordsTheAnswerTogether() throws {
        let catalog = try Catalog.inMemory()
        let objects = [try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 0),
                       try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 1)]
        let answer = IngestRecord(requestHash: "h1", status: 200, response: Array("ok".utf8))
        #expect(try catalog.ingestRecord(key: "k1") == nil)
        #expect(try catalog.commitIngest(key: "k1", record: answer, objects: objects, now: 100) == nil)
        #expect(try catalog.ingestRecord(key: "k1") == answer)
        #expect(try catalog.object(key: objects[1].key) == objects[1])
        // A second commit under the same key (another process won the race) writes nothing.
        let later = [try Fixtures.minuteObject("AAPL", exchange: "NASDAQ", dayIndex: 2)]
        #expect(try catalog.commitIngest(key: "k1", record: IngestRecord(requestHash: "h2", status: 200, response: []),
                                         objects: later, now: 101) == answer)
        #expect(try catalog.object(key: later[0].key) == nil)
        #expect(try catalog.commitIngest(key: "k2", record: answer, objects: later, now: 300) == nil)
        #expect(try catalog.purgeIngestRecords(createdBefore: 200) == 1)
        #expect(try catalog.ingestRecord(key: "k1") == nil && catalog.ingestRecord(key: "k2") == answer)
    }

    @Test func apiKeysAreFoundByHashRevokedAndTouched() throws {
        let catalog = try Catalog.inMemory()
        let key = APIKeyRecord(keyID: "ak_1", keyHash: "abc", name: "pipeline", tier: "advanced", scopes: ["read", "ingest"],
                               createdAt: 10, expiresAt: 1_000)
        try catalog.insertAPIKey(key)
        #expect(try catalog.apiKey(hash: "abc") == key)
        #expect(try catalog.apiKey(hash: "nope") == nil)
        #expect(throws: SQLiteError.self) { try catalog.insertAPIKey(key) }
        try catalog.touchAPIKey(id: "ak_1", now: 50)
        #expect(try catalog.apiKey(hash: "abc")?.lastUsedAt == 50)
        #expect(try catalog.apiKey(hash: "abc")?.isUsable(at: 999) == true)
        #expect(try catalog.apiKey(hash: "abc")?.isUsable(at: 1_000) == false)
        #expect(try catalog.revokeAPIKey(id: "ak_1", now: 60))
        #expect(try !catalog.revokeAPIKey(id: "ak_1", now: 70))
        #expect(try catalog.apiKeys().map(\.revokedAt) == [60])
    }

    @Test func syncRunsRecordStartAndOutcome() throws {
        let catalog = try Catalog.inMemory()
        let first = try catalog.beginSyncRun(trigger: "startup", now: 1)
        try catalog.finishSyncRun(id: first, report: nil, error: "S3 unreachable", now: 2)
        let second = try catalog.beginSyncRun(trigger: "admin", now: 3)
        let runs = try catalog.syncRuns()
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[0].finishedAt == nil && runs[1].error == "S3 unreachable" && runs[1].finishedAt == 2)
    }
}
