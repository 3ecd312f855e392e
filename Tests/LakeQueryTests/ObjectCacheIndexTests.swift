@testable import LakeQuery
import Testing

/// The cache index's rules, without files: entry names, least-recently-read eviction down to a
/// target, and which entries a clear or an invalidation selects.
@Suite struct ObjectCacheIndexTests {
    private static let key = "ohlcv/timeframe=1m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=11/day=03/part-0.parquet"

    @Test(arguments: [
        ("\"9b2cf535f27731c974343645a3985328\"", "9b2cf535f27731c974343645a3985328"),
        ("1a2b-3c/../x", "1a2b3cx"),
        ("", ""),
    ])
    func entryKeysKeepOnlyLettersAndDigitsOfTheETagAndParseBack(etag: String, kept: String) {
        let entry = ObjectCacheIndex.entryKey(objectKey: Self.key, etag: etag)
        #expect(entry == Self.key + ".etag-" + kept)
        #expect(ObjectCacheIndex.objectKey(ofEntry: entry) == Self.key)
    }

    @Test(arguments: [(0, 1), (4, 8_388_608), (5_242_880, 367_944)])
    func rangeEntryKeysNameTheRangeAndParseBack(offset: Int, length: Int) {
        let entry = ObjectCacheIndex.rangeEntryKey(objectKey: Self.key, etag: "\"9f\"", offset: offset, length: length)
        #expect(entry == Self.key + ".etag-9f.range-\(offset)-\(length)")
        #expect(ObjectCacheIndex.objectKey(ofEntry: entry) == Self.key)
    }

    @Test(arguments: ["a/b/.candlelake-tmp-123", "x.parquet", ".etag-abc", "a.etag-x/b", "a/b.parquet.etag-9f.tmp.Xa81",
                      "a.etag-9f.range-1-2.tmp.Xa81", "a.etag-9f.range-1", "a.etag-9f.range--2", "a.etag-9f.range-1-x",
                      "a.range-1-2", ".etag-9f.range-1-2"])
    func filesThatAreNotEntriesHaveNoObjectKey(path: String) {
        #expect(ObjectCacheIndex.objectKey(ofEntry: path) == nil)
    }

    /// Entries a (10 bytes, read at 5), b (20, read at 1), c (30, read at 3), d (40, read at 4).
    private static func index() -> ObjectCacheIndex {
        var index = ObjectCacheIndex()
        for (name, size, symbol, read) in [("a", 10, "X", 5.0), ("b", 20, "Y", 1.0), ("c", 30, "X", 3.0), ("d", 40, "Y", 4.0)] {
            let objectKey = "timeframe=1m/symbol=\(symbol)/\(name).parquet"
            index.insert(.init(entryKey: objectKey + ".etag-1", objectKey: objectKey, size: Int64(size), cachedAt: read))
        }
        return index
    }

    @Test(arguments: [
        (Int64(100), nil as String?, [String]()),
        (80, nil, ["b"]),
        (75, nil, ["b", "c"]),
        (50, nil, ["b", "c"]),
        (40, nil, ["b", "c", "d"]),
        (0, "b", ["c", "d", "a"]),
    ])
    func evictsLeastRecentlyReadFirstUntilTheTargetIsReached(target: Int64, keeping: String?, expected: [String]) {
        let victims = Self.index().victims(toReach: target, keeping: keeping.map { "timeframe=1m/symbol=Y/\($0).parquet.etag-1" })
        #expect(victims.map { String($0.split(separator: "/").last!.prefix(1)) } == expected)
    }

    @Test func touchingAnEntryMakesItTheLastToGo() {
        var index = Self.index()
        index.touch("timeframe=1m/symbol=Y/b.parquet.etag-1", at: 9)
        #expect(index.victims(toReach: 80, keeping: nil).first?.contains("/c.parquet") == true)
        #expect(index.entries["timeframe=1m/symbol=Y/b.parquet.etag-1"]?.hits == 1)
    }

    @Test func clearsAndInvalidationsSelectBySymbolAgeAndObject() {
        let index = Self.index()
        #expect(index.entries(symbol: "X", cachedBefore: nil).count == 2)
        #expect(index.entries(symbol: nil, cachedBefore: 3).count == 2)
        #expect(index.entries(symbol: "Y", cachedBefore: 3).count == 1)
        #expect(index.entries(ofObjects: ["timeframe=1m/symbol=X/a.parquet", "nope"]).count == 1)
        var removing = index
        removing.remove("timeframe=1m/symbol=X/a.parquet.etag-1")
        #expect(removing.totalBytes == 90 && removing.entries.count == 3 && index.totalBytes == 100)
    }
}
