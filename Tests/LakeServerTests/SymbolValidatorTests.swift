@testable import LakeServer
import LakeCatalog
import LakeCore
import Testing

/// `SymbolValidator` over an in-memory catalog: the warnings that tie a typed symbol to the lake.
@Suite struct SymbolValidatorTests {
    /// NSE_CIPLA-EQ (NSE, 2025-11-03), DUAL on NSE and BSE, FRESH on NYSE (at `now`).
    static let now: Int64 = 1_800_000_000_000

    static func validator() throws -> SymbolValidator {
        let catalog = try Catalog.inMemory()
        func record(_ symbol: String, _ exchange: String, at time: Int64) throws -> ObjectRecord {
            let partition = try PartitionKey(writing: .oneMinute, exchange: exchange, symbol: symbol, containing: time, fileName: "part-0.parquet")
            return try ObjectRecord(key: partition.objectKey(basePrefix: ""), partition: partition, minTime: time, maxTime: time,
                                    rowCount: 1, size: 10, etag: "e", lastModified: 0, indexedAt: 0)
        }
        try catalog.upsert([try record("NSE_CIPLA-EQ", "NSE", at: LakeFixtures.november3), try record("DUAL", "NSE", at: now),
                            try record("DUAL", "BSE", at: now), try record("FRESH", "NYSE", at: now)])
        return SymbolValidator(catalog: catalog, activeSince: now - 14 * 86_400_000, activeDays: 14)
    }

    @Test(arguments: [
        ("cipla.ns", ["the lake stores it as 'NSE_CIPLA-EQ'", "no data in the last 14 days (last bar 2025-11-03T00:00:00Z)"]),
        ("nse:cipla-eq", ["no data in the last 14 days (last bar 2025-11-03T00:00:00Z)"]),
        ("dual", ["in the lake on BSE, NSE: name the exchange in queries"]),
        ("fresh", []),
        ("^GSPC", ["'^GSPC' cannot be a lake symbol (letters, digits, '.', '_' and '-' only)", "not in the lake"]),
    ])
    func warningsTieTheSymbolToTheLake(symbol: String, warnings: [String]) throws {
        let result = try Self.validator().validate(symbol, detailed: true)
        #expect(result.valid && result.warnings == warnings)
    }

    @Test func detailedAnswersCarryTheLakeCoverage() throws {
        let validator = try Self.validator()
        let detailed = try validator.validate("CIPLA.NS", detailed: true)
        #expect(detailed.lake?.symbol == "NSE_CIPLA-EQ" && detailed.exchange == "NSE" && detailed.characteristics == ["exchange:NSE"])
        let brief = try validator.validate("CIPLA.NS", detailed: false)
        #expect(brief.lake == nil && brief.characteristics == nil && brief.normalized == "CIPLA.NS" && brief.type == "equity")
        let dual = try validator.validate("DUAL", detailed: true)
        #expect(dual.exchange == nil && dual.lake?.exchanges == ["BSE", "NSE"] && dual.type == "equity")
    }
}
