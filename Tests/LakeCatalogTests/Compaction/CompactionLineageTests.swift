import LakeCatalog
import LakeCore
import Testing

@Suite struct CompactionLineageTests {
    @Test func theFooterEntriesRoundTrip() throws {
        let lineage = CompactionLineage(replacedFileNames: ["part-1.parquet", "part-2.parquet"], rankModified: 1_700_000_000_000,
                                        rankFileName: "part-2.parquet")
        let footer = Dictionary(uniqueKeysWithValues: lineage.footerMetadata.map { ($0.key, $0.value) })
        #expect(footer["candlelake.replaces"] == #"["part-1.parquet","part-2.parquet"]"#)
        #expect(footer["candlelake.rank"] == #"{"file_name":"part-2.parquet","last_modified":1700000000000}"#)
        #expect(try CompactionLineage(footer: footer) == lineage)
        #expect(lineage.replacedKeys(of: "p/timeframe=1m/x/compacted-1.parquet") == ["p/timeframe=1m/x/part-1.parquet", "p/timeframe=1m/x/part-2.parquet"])
        #expect(lineage.rank(of: "d/compacted-1.parquet") == PartPrecedence(lastModified: 1_700_000_000_000, key: "d/part-2.parquet"))
    }

    @Test func aFooterWithoutTheEntriesIsAnOrdinaryPart() throws {
        #expect(try CompactionLineage(footer: ["pandas": "{}"]) == nil)
    }

    @Test(arguments: [
        (["candlelake.replaces": #"["a.parquet"]"#], "one entry without the other"),
        (["candlelake.replaces": "[1]", "candlelake.rank": #"{"last_modified":1,"file_name":"a"}"#], "names that are not strings"),
        (["candlelake.replaces": "[\"../x.parquet\"]", "candlelake.rank": #"{"last_modified":1,"file_name":"a"}"#], "a path"),
        (["candlelake.replaces": "[\"a\"]", "candlelake.rank": #"{"last_modified":"x","file_name":"a"}"#], "a rank that does not parse"),
        (["candlelake.replaces": "[\"\"]", "candlelake.rank": #"{"last_modified":1,"file_name":"a"}"#], "an empty name"),
    ])
    func malformedFootersAreRefused(footer: [String: String], problem: String) {
        #expect(throws: CatalogError.self, "\(problem)") { try CompactionLineage(footer: footer) }
    }

    @Test func aCompactedObjectRanksAsTheNewestPartItReplaced() throws {
        let partition = try PartitionKey(writing: .oneMinute, exchange: "NSE", symbol: "X", containing: 0, fileName: "compacted-1.parquet")
        let lineage = CompactionLineage(replacedFileNames: ["part-1.parquet"], rankModified: 500, rankFileName: "part-1.parquet")
        let key = partition.objectKey()
        let record = try ObjectRecord(key: key, partition: partition, minTime: 0, maxTime: 1, rowCount: 2, size: 10, etag: "c",
                                      lastModified: 9_000, indexedAt: 9_000, rankedAs: lineage.rank(of: key))
        let catalog = try Catalog.inMemory()
        try catalog.index([record], lineages: [key: lineage], removing: [String]())
        let stored = try #require(try catalog.object(key: key))
        #expect(stored.precedence == PartPrecedence(lastModified: 500, key: CompactionLineageTests.directory(key) + "part-1.parquet"))
        #expect(stored == record)
    }

    static func directory(_ key: String) -> String { String(key[...key.lastIndex(of: "/")!]) }
}
