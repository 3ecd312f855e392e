import LakeCatalog
import LakeCore
import LakeFormats

/// The check every object must pass before it is indexed: OHLCV bars (or trades, for the
/// `trades` timeframe) with at least one row, every row inside the partition's time range.
enum PartitionContent {
    /// Row count and time range (nil without rows) of `table` as data of `partition`.
    /// - Throws: ``ContentProblem`` naming the missing column or the first row outside the partition.
    static func metadata(of table: ColumnTable, lines: [Int]?, partition: PartitionKey) throws(ContentProblem) -> ObjectMetadata {
        let times: [Int64]
        do {
            times = partition.timeframe == .trades ? try OHLCVMapping.trades(from: table, lines: lines).time
                                                   : try OHLCVMapping.bars(from: table, lines: lines).time
        } catch {
            throw ContentProblem("not \(partition.timeframe == .trades ? "trade" : "OHLCV") data: \(error)")
        }
        guard let first = times.min(), let last = times.max() else { return ObjectMetadata(rowCount: 0, timeRange: nil) }
        let range = partition.timeRange
        if let outside = times.firstIndex(where: { !range.contains($0) }) {
            throw Self.outside(row: lines.map { "line \($0[outside])" } ?? "row \(outside + 1)", time: times[outside], partition: partition)
        }
        return ObjectMetadata(rowCount: Int64(times.count), timeRange: first...last)
    }

    /// The problem of `row` (`"line 7"`, `"row 3"`) having `time`, outside `partition`.
    static func outside(row: String, time: Int64, partition: PartitionKey) -> ContentProblem {
        let range = partition.timeRange
        return ContentProblem("\(row) has time \(LakeCore.RFC3339.format(time, unit: .milliseconds)), outside the partition "
                              + "\(LakeCore.RFC3339.format(range.lowerBound, unit: .milliseconds))..<\(LakeCore.RFC3339.format(range.upperBound, unit: .milliseconds))")
    }

    /// Whether `bytes` start like a Parquet file.
    static func looksLikeParquet(_ head: some Collection<UInt8>) -> Bool {
        head.starts(with: "PAR1".utf8)
    }
}

/// Why an object's content cannot be indexed (reported to the uploader, or as a rejected
/// object of a sync).
struct ContentProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
