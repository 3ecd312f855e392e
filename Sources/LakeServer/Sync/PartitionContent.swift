import LakeCatalog
import LakeCore
import LakeFormats

/// The check every object must pass before it is indexed: OHLCV bars (or trades, for the
/// `trades` timeframe) with at least one row, every row inside the partition's time range.
enum PartitionContent {
    /// Row count and time range (nil without rows) of the CSV file (plain or gzip) at `path`
    /// as data of `partition`, scanned once through a 1 MiB buffer whatever its size.
    /// - Throws: ``ContentProblem`` naming the missing column, or the line that is wrong or
    ///   outside the partition.
    static func metadata(ofCSVFileAt path: String, partition: PartitionKey) throws(ContentProblem) -> ObjectMetadata {
        let range = partition.timeRange
        var low = Int64.max, high = Int64.min
        let rows: Int
        do {
            rows = try OHLCVCSVScanner.scan(path: path, as: partition.timeframe == .trades ? .trades : .bars) { time, line in
                guard range.contains(time) else { throw outside(row: "line \(line)", time: time, partition: partition) }
                low = min(low, time)
                high = max(high, time)
            }
        } catch let problem as ContentProblem {
            throw problem
        } catch let error as OHLCVError {
            throw ContentProblem("not \(partition.timeframe == .trades ? "trade" : "OHLCV") data: \(error)")
        } catch {
            throw ContentProblem("unreadable CSV: \(error)")
        }
        return ObjectMetadata(rowCount: Int64(rows), timeRange: low <= high ? low...high : nil)
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
