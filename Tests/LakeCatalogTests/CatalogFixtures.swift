import LakeCatalog
import LakeCore

/// Builders for catalog records in tests.
enum Fixtures {
    static let day: Int64 = 86_400_000
    /// 2025-01-01T00:00:00Z.
    static let january2025: Int64 = 1_735_689_600_000

    /// A 1-minute object for `symbol` on UTC day `dayIndex` after 2025-01-01, with rows from
    /// 03:45 to 10:00 UTC (an NSE session).
    static func minuteObject(_ symbol: String, exchange: String = "NSE", dayIndex: Int, part: Int = 0, etag: String = "e1",
                             prefix: String = "processed", rows: Int64 = 376, size: Int64 = 10_000) throws -> ObjectRecord {
        let start = january2025 + Int64(dayIndex) * day
        let partition = try PartitionKey(writing: .oneMinute, exchange: exchange, symbol: symbol, containing: start,
                                         fileName: "part-\(part).parquet")
        return try ObjectRecord(key: partition.objectKey(basePrefix: prefix), partition: partition,
                                minTime: start + 13_500_000, maxTime: start + 36_000_000, rowCount: rows, size: size,
                                etag: etag, lastModified: start + day, indexedAt: start + day)
    }

    /// A yearly `1d` object for `symbol` covering the whole UTC year.
    static func dailyObject(_ symbol: String, exchange: String = "NSE", year: Int, prefix: String = "processed") throws -> ObjectRecord {
        let partition = try PartitionKey(timeframe: .day, exchange: exchange, symbol: symbol, year: year, month: nil, day: nil,
                                         fileName: "part-0.parquet")
        return try ObjectRecord(key: partition.objectKey(basePrefix: prefix), partition: partition,
                                minTime: partition.timeRange.lowerBound, maxTime: partition.timeRange.upperBound - 1,
                                rowCount: 250, size: 8_000, etag: "d\(year)", lastModified: 0, indexedAt: 0)
    }
}
