import Testing
import Foundation
import LakeCore
import LakeTestSupport

/// The layout is plain Hive partitioning: DuckDB reads what we write, and we parse what DuckDB
/// writes. Needs the test venv (`scripts/test.sh`); fails without it.
@Suite struct LayoutInteropTests {
    @Test func duckDBReadsOurKeysAndWeParseDuckDBsKeys() throws {
        let root = try TestEnvironment.temporaryDirectory("layout")
        let time: Int64 = 1_709_164_800_000 // 2024-02-29T00:00:00Z
        let keys = try [
            PartitionKey(writing: .oneMinute, exchange: "NSE", symbol: "NSE_CIPLA-EQ", containing: time, fileName: "part-0.csv"),
            PartitionKey(writing: .oneMinute, exchange: "NSE", symbol: "NSE_CIPLA-EQ", containing: time + 86_400_000, fileName: "part-0.csv"),
            PartitionKey(writing: .oneMinute, exchange: "XNAS", symbol: "BRK.B", containing: time, fileName: "part-1.csv"),
        ]
        for key in keys {
            let file = root.appendingPathComponent(key.objectKey(basePrefix: "lake"))
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("time,close\n\(key.timeRange.lowerBound),1.5\n".utf8).write(to: file)
        }
        let script = """
            import sys, os, duckdb
            root = sys.argv[1]
            # Zero-padded values stay text unless typed: DuckDB only autocasts what round-trips.
            source = f"read_csv('{root}/lake/**/*.csv', hive_partitioning=true, hive_types={{'year': INTEGER, 'month': INTEGER, 'day': INTEGER}})"
            rows = duckdb.sql(f"SELECT timeframe, exchange, symbol, year, month, day, count(*) FROM {source} GROUP BY ALL ORDER BY ALL").fetchall()
            for row in rows: print("|".join(str(v) for v in row))
            duckdb.sql(f"COPY (SELECT * FROM {source}) TO '{root}/copy' (FORMAT csv, PARTITION_BY (timeframe, exchange, symbol, year, month, day))")
            for directory, _, files in os.walk(f"{root}/copy"):
                for name in files: print("KEY " + os.path.relpath(os.path.join(directory, name), root))
            """
        let result = try ProcessRunner.python(script, [root.path])
        try #require(result.status == 0, "duckdb failed: \(result.standardError)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { !$0.hasPrefix("KEY ") } == [
            "1m|NSE|NSE_CIPLA-EQ|2024|2|29|1", "1m|NSE|NSE_CIPLA-EQ|2024|3|1|1", "1m|XNAS|BRK.B|2024|2|29|1",
        ])
        let written = lines.filter { $0.hasPrefix("KEY ") }.map { String($0.dropFirst(4)) }
        #expect(written.count == 3)
        let layout = try LakeLayout(basePrefix: "copy")
        let parsed = try Set(written.map { try layout.parse($0) }.map(\.partitionPath))
        #expect(parsed == Set(keys.map(\.partitionPath)))
    }
}
