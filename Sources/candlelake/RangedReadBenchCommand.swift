import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeStorage

/// `candlelake ranged-read-bench` (run by `bench/ranged-read.sh`): where whole-object GETs stop
/// paying. For objects of growing size — one UTC day of trades in 10 row groups, with two
/// columns a query never needs — it uploads the object to the configured S3 endpoint, then
/// times the query loader reading one row group's time range both ways: one whole GET, and
/// ranged reads (footer, then the needed chunks). No cache, so every run goes to the store.
/// Prints one JSON line per size: bytes, median milliseconds of each way, and their ratio.
struct RangedReadBenchCommand: Subcommand {
    static let name = "ranged-read-bench"
    static let summary = "time whole vs ranged S3 reads of growing objects (--bucket, --rows, --repeat)"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let bucket: String = try arguments.option("bucket") ?? "candlelake-test"
        let rowCounts = try (arguments.option("rows") ?? "10000,40000,80000,160000,320000,1280000")
            .split(separator: ",").map { text throws -> Int in
                guard let rows = Int(text), rows >= 1_000 else { throw UsageError("--rows takes counts of at least 1000") }
                return rows
            }
        let repeats = try arguments.option("repeat", as: Int.self) ?? 7
        try arguments.finish()
        guard repeats > 0 else { throw UsageError("--repeat must be positive") }
        let store = try S3CommandStore.store(bucket: bucket)
        let prefix = "bench/ranged-read-\(UUID().uuidString.prefix(8).lowercased())/"
        var failure: (any Error)?
        for rows in rowCounts where failure == nil {
            do {
                print(try await measure(rows: rows, store: store, key: prefix + "\(rows).parquet", repeats: repeats))
            } catch {
                failure = error
            }
        }
        try? await store.deleteMany(rowCounts.map { prefix + "\($0).parquet" })
        if let failure { throw failure }
        return 0
    }

    /// Uploads an object of `rows` trades and times reading its fifth row group both ways.
    private static func measure(rows: Int, store: any ObjectStore, key: String, repeats: Int) async throws -> String {
        let record = try await upload(rows: rows, to: store, key: key)
        let group = (record.maxTime - record.minTime) / 10
        let range = (record.minTime + 4 * group)..<(record.minTime + 5 * group)
        let whole = ObjectLoader(store: store, rangedReadThreshold: .max)
        let ranged = ObjectLoader(store: store, rangedReadThreshold: 0)
        var timings: (whole: [Double], ranged: [Double]) = ([], [])
        for round in 0...repeats {   // round 0 warms connections up and is not counted
            let wholeMS = try await milliseconds { _ = try await whole.trades([record], range: range) }
            let rangedMS = try await milliseconds { _ = try await ranged.trades([record], range: range) }
            if round > 0 {
                timings.whole.append(wholeMS)
                timings.ranged.append(rangedMS)
            }
        }
        let (wholeMedian, rangedMedian) = (median(timings.whole), median(timings.ranged))
        return #"{"rows":\#(rows),"bytes":\#(record.size),"whole_ms":\#(wholeMedian),"ranged_ms":\#(rangedMedian),"#
            + #""whole_over_ranged":\#(wholeMedian / rangedMedian)}"#
    }

    /// `rows` trades over 2025-11-03 UTC in 10 row groups (timestamp, price, size, and the
    /// unneeded trade_id and bid), stored under `key`; its catalog record.
    private static func upload(rows: Int, to store: any ObjectStore, key: String) async throws -> ObjectRecord {
        let day: Int64 = 1_762_128_000_000
        let step = 86_400_000 / Int64(rows)
        var random = UInt64(rows)
        var price = 60_000.0
        var columns: (time: [Int64], price: [Double], size: [Double]) = ([], [], [])
        for row in 0..<rows {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            price += Double(Int64(random >> 40) % 2001 - 1000) / 100
            columns.time.append(day + Int64(row) * step)
            columns.price.append(price)
            columns.size.append(Double((random >> 20) % 5000) / 1000 + 0.001)
        }
        func double(_ name: String, _ values: [Double]) -> Column {
            Column(descriptor: ColumnDescriptor(name: name, physicalType: .double, repetition: .required), values: .double(values))
        }
        let table = ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: "timestamp", physicalType: .int64, repetition: .required,
                                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .milliseconds)),
                   values: .int64(columns.time)),
            double("price", columns.price), double("size", columns.size),
            Column(descriptor: ColumnDescriptor(name: "trade_id", physicalType: .int64, repetition: .required),
                   values: .int64((0..<rows).map { Int64($0) * 7_919 })),
            double("bid", columns.price.map { $0 - 0.5 }),
        ], rowCount: rows)
        var options = ParquetWriterOptions()
        options.rowGroupSize = (rows + 9) / 10
        try await store.put(key, bytes: try ParquetWriter.write(table, options: options))
        let info = try await store.head(key)
        let partition = try PartitionKey(writing: .trades, exchange: "BENCH", symbol: "TRADES", containing: day, fileName: "part-0.parquet")
        return try ObjectRecord(key: key, partition: partition, minTime: columns.time[0], maxTime: columns.time[rows - 1],
                                rowCount: Int64(rows), size: info.size, etag: info.etag, lastModified: 0, indexedAt: 0)
    }

    private static func milliseconds(_ body: () async throws -> Void) async throws -> Double {
        let began = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}
