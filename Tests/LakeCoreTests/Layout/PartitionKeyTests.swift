import Foundation
import LakeCore
import LakeTestSupport
import Testing

@Suite struct PartitionKeyTests {
    static let prefix = "processed"

    /// Keys that parse, and the canonical key each one is rewritten to.
    @Test(arguments: [
        ("processed/timeframe=1m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=11/day=03/part-00021-899d3b8a.parquet",
         "processed/timeframe=1m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=11/day=03/part-00021-899d3b8a.parquet"),
        ("processed/timeframe=15m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=1/day=3/part-0.csv",
         "processed/timeframe=15m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=01/day=03/part-0.csv"),
        ("processed/timeframe%3D5m/exchange%3DXNAS/symbol%3DBRK.B/year%3D2024/month%3D02/day%3D29/part-1.csv.gz",
         "processed/timeframe=5m/exchange=XNAS/symbol=BRK.B/year=2024/month=02/day=29/part-1.csv.gz"),
        ("processed/timeframe%3d1h/exchange=BINANCE/symbol=BTC-USDT/year=2024/month=12/part-a.PARQUET",
         "processed/timeframe=1h/exchange=BINANCE/symbol=BTC-USDT/year=2024/month=12/part-a.PARQUET"),
        ("processed/timeframe=1d/exchange=NYSE/symbol=AAPL/year=2024/part-00000.parquet",
         "processed/timeframe=1d/exchange=NYSE/symbol=AAPL/year=2024/part-00000.parquet"),
        // Finer than required is accepted on read.
        ("processed/timeframe=1d/exchange=NYSE/symbol=AAPL/year=2024/month=3/day=10/data_0.parquet",
         "processed/timeframe=1d/exchange=NYSE/symbol=AAPL/year=2024/month=03/day=10/data_0.parquet"),
        ("processed/timeframe=trades/exchange=KRX/symbol=005930/year=2000/month=02/day=29/part-x.snappy.parquet",
         "processed/timeframe=trades/exchange=KRX/symbol=005930/year=2000/month=02/day=29/part-x.snappy.parquet"),
        ("processed/timeframe=173m/exchange=BINANCE/symbol=BTCUSDT/year=2025/month=01/mv.parquet",
         "processed/timeframe=173m/exchange=BINANCE/symbol=BTCUSDT/year=2025/month=01/mv.parquet"),
    ])
    func parsesAndRewritesCanonically(key: String, canonical: String) throws {
        let parsed = try PartitionKey(parsing: key, basePrefix: Self.prefix)
        #expect(parsed.objectKey(basePrefix: Self.prefix) == canonical)
        #expect(try PartitionKey(parsing: canonical, basePrefix: "/processed/") == parsed)
    }

    /// Keys that are refused, and the kind of problem each one is.
    @Test(arguments: [
        ("/processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", LayoutError.Kind.absolutePath),
        ("processed//timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .emptySegment),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/", .emptySegment),
        ("processed/../timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .traversal),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/./p.parquet", .traversal),
        ("processed/timeframe=1m/exchange=NSE/symbol=A\\B/year=2025/month=11/day=03/p.parquet", .invalidCharacter),
        ("processed/timeframe=1m/exchange=NSE/symbol=A\nB/year=2025/month=11/day=03/p.parquet", .invalidCharacter),
        ("raw/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .outsidePrefix),
        ("processedX/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .outsidePrefix),
        ("processed", .outsidePrefix),
        ("timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .outsidePrefix),
        ("processed/exchange=NSE/timeframe=1m/symbol=A/year=2025/month=11/day=03/p.parquet", .unexpectedSegment),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/day=03/month=11/p.parquet", .unexpectedSegment),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/hour=4/p.parquet", .unexpectedSegment),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03", .missingSegment),
        ("processed/timeframe=1m/exchange=NSE/symbol=A", .missingSegment),
        ("processed/timeframe=1m/exchange=NSE", .missingSegment),
        ("processed/timeframe=5min/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=0m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=/symbol=A/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=../year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=-A/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=A B/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=\(String(repeating: "A", count: 65))/year=2025/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=A%2FB/year=2025/month=11/day=03/p.parquet", .badEscape),
        ("processed/timeframe=1m/exchange=NSE/symbol=A%2/year=2025/month=11/day=03/p.parquet", .badEscape),
        ("processed/timeframe=1m/exchange=NSE/symbol=A%FF/year=2025/month=11/day=03/p.parquet", .badEscape),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=25/month=11/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=-1/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=011/day=03/p.parquet", .invalidValue),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=13/day=03/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=00/day=03/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=04/day=31/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=02/day=29/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=1900/month=02/day=29/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=0/p.parquet", .impossibleDate),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/p.parquet", .granularity),
        ("processed/timeframe=1h/exchange=NSE/symbol=A/year=2025/p.parquet", .granularity),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.json", .unsupportedFile),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/part-00021-899d3b8a", .unsupportedFile),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/.parquet", .unsupportedFile),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/.hidden.parquet", .unsupportedFile),
        ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.gz", .unsupportedFile),
        ("processed/" + String(repeating: "x", count: 1100), .tooLong),
    ])
    func refuses(key: String, kind: LayoutError.Kind) {
        #expect {
            try PartitionKey(parsing: key, basePrefix: Self.prefix)
        } throws: { error in
            (error as? LayoutError)?.kind == kind
        }
    }

    @Test func reasonsNameTheProblem() {
        let cases: [(String, String)] = [
            ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=04/day=31/p.parquet", "2025-04-31 does not exist"),
            ("processed/exchange=NSE/x", "expected 'timeframe=…' after the prefix, found 'exchange=NSE'"),
            ("processed/timeframe=5min/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet",
             "timeframe '5min' is not canonical; write '5m'"),
            ("processed/timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/p.parquet", "1m partitions must go down to day="),
        ]
        for (key, reason) in cases {
            #expect {
                try PartitionKey(parsing: key, basePrefix: Self.prefix)
            } throws: { error in
                (error as? LayoutError)?.reason == reason
            }
        }
    }

    /// UTC partition ranges: day, month (leap February), year (leap year).
    @Test(arguments: [
        ("timeframe=1m/exchange=NSE/symbol=A/year=2025/month=11/day=03/p.parquet", Int64(1_762_128_000_000), Int64(1_762_214_400_000)),
        ("timeframe=1h/exchange=NSE/symbol=A/year=2024/month=02/p.parquet", 1_706_745_600_000, 1_709_251_200_000),
        ("timeframe=1d/exchange=NSE/symbol=A/year=2024/p.parquet", 1_704_067_200_000, 1_735_689_600_000),
        ("timeframe=1d/exchange=NSE/symbol=A/year=1969/p.parquet", -31_536_000_000, 0),
    ])
    func timeRangeIsTheUTCPartition(key: String, start: Int64, end: Int64) throws {
        #expect(try PartitionKey(parsing: key).timeRange == start..<end)
    }

    @Test func writerKeysFollowTheGranularityRule() throws {
        let time: Int64 = 1_709_164_800_000 + 3_600_000 // 2024-02-29T01:00:00Z
        let cases: [(String, String)] = [
            ("1m", "timeframe=1m/exchange=NSE/symbol=A/year=2024/month=02/day=29/p.parquet"),
            ("trades", "timeframe=trades/exchange=NSE/symbol=A/year=2024/month=02/day=29/p.parquet"),
            ("59m", "timeframe=59m/exchange=NSE/symbol=A/year=2024/month=02/day=29/p.parquet"),
            ("1h", "timeframe=1h/exchange=NSE/symbol=A/year=2024/month=02/p.parquet"),
            ("173m", "timeframe=173m/exchange=NSE/symbol=A/year=2024/month=02/p.parquet"),
            ("24h", "timeframe=24h/exchange=NSE/symbol=A/year=2024/p.parquet"),
            ("1d", "timeframe=1d/exchange=NSE/symbol=A/year=2024/p.parquet"),
            ("1w", "timeframe=1w/exchange=NSE/symbol=A/year=2024/p.parquet"),
            ("1mo", "timeframe=1mo/exchange=NSE/symbol=A/year=2024/p.parquet"),
        ]
        for (timeframe, expected) in cases {
            let key = try PartitionKey(writing: Timeframe(parsing: timeframe), exchange: "NSE", symbol: "A", containing: time, fileName: "p.parquet")
            #expect(key.objectKey() == expected)
            #expect(key.timeRange.contains(time))
        }
        let beforeEpoch = try PartitionKey(writing: .oneMinute, exchange: "NSE", symbol: "A", containing: -1, fileName: "p.csv")
        #expect(beforeEpoch.partitionPath == "timeframe=1m/exchange=NSE/symbol=A/year=1969/month=12/day=31")
    }

    @Test func prefixesAreNormalised() throws {
        #expect(try PartitionKey.normalizedPrefix("/processed/") == "processed")
        #expect(try PartitionKey.normalizedPrefix("a/b") == "a/b")
        #expect(try PartitionKey.normalizedPrefix("") == "")
        #expect(try PartitionKey.normalizedPrefix("/") == "")
        #expect(throws: LayoutError.self) { try PartitionKey.normalizedPrefix("a//b") }
        #expect(throws: LayoutError.self) { try PartitionKey.normalizedPrefix("a/../b") }
    }

    @Test(arguments: ["NSE_CIPLA-EQ", "AAPL", "BRK.B", "BTC-USDT", "005930", "a", String(repeating: "Z", count: 64)])
    func acceptsSymbol(_ symbol: String) throws {
        try LayoutIdentifier.validateSymbol(symbol)
    }

    @Test(arguments: ["", ".", "..", ".A", "_A", "A/B", "A B", "A%", "Ä", "A=B", String(repeating: "Z", count: 65)])
    func refusesSymbol(_ symbol: String) {
        #expect(throws: LayoutError.self) { try LayoutIdentifier.validateSymbol(symbol) }
    }
}

@Suite struct PartitionDateArithmeticTests {
    /// The layout's own civil-date arithmetic agrees with Foundation's calendar from 1800 to 2200.
    @Test func writerDatesMatchFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let time = -5_364_662_400_000 + Int64(generator.next() % 12_623_040_000_000)
            let key = try PartitionKey(writing: .oneMinute, exchange: "X", symbol: "A", containing: time, fileName: "p.csv")
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(time) / 1000))
            #expect((key.year, key.month, key.day) == (parts.year!, parts.month, parts.day))
            #expect(key.timeRange.contains(time) && key.timeRange.count == 86_400_000)
        }
    }
}
