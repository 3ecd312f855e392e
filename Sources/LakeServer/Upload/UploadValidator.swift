import Foundation
import LakeCatalog
import LakeCore
import LakeFormats

/// Checks an uploaded file before it becomes visible: its bytes match the key's format, it
/// reads as Parquet or CSV with OHLCV columns (trade columns for `trades`), it has rows, and
/// every row lies inside the partition's time range.
///
/// Memory stays bounded whatever the file's size: Parquet is memory-mapped without being
/// read in; its footer, time column and then price and volume columns are decoded one column
/// chunk at a time (``ParquetContent``); CSV (plain
/// or gzip) is scanned once through a 1 MiB buffer (``PartitionContent/metadata(ofCSVFileAt:partition:)``),
/// every row checked as it passes.
enum UploadValidator {
    /// The file's metadata. - Throws: ``ContentProblem`` saying what is wrong.
    static func validate(fileAt path: String, partition: PartitionKey) async throws(ContentProblem) -> ObjectMetadata {
        let head: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            head = Array(try handle.read(upToCount: 4) ?? Data())
        } catch {
            throw ContentProblem("the upload cannot be read back: \(error)")
        }
        let isParquet = PartitionContent.looksLikeParquet(head)
        switch partition.format {
        case .parquet where !isParquet: throw ContentProblem("the key ends in .parquet but the file is not Parquet")
        case .csv where isParquet, .csvGzip where isParquet: throw ContentProblem("the key ends in .csv but the file is Parquet")
        case .csvGzip where !head.starts(with: [0x1F, 0x8B]): throw ContentProblem("the key ends in .csv.gz but the file is not gzip")
        default: break
        }
        let metadata: ObjectMetadata
        do {
            metadata = isParquet ? try await parquetMetadata(path: path, partition: partition)
                                 : try PartitionContent.metadata(ofCSVFileAt: path, partition: partition)
        } catch let problem as ContentProblem {
            throw problem
        } catch {
            throw ContentProblem("unreadable \(isParquet ? "Parquet" : "CSV"): \(error)")
        }
        guard metadata.rowCount > 0 else { throw ContentProblem("the file has no rows") }
        return metadata
    }

    private static func parquetMetadata(path: String, partition: PartitionKey) async throws -> ObjectMetadata {
        let reader = try ParquetFileReader(path: path, prefault: false)
        let metadata = try await ParquetContent.metadata(of: reader, partition: partition)
        if let range = metadata.timeRange, !(partition.timeRange.contains(range.lowerBound) && partition.timeRange.contains(range.upperBound)) {
            // Name the first offending row, as a CSV upload's error names its line.
            throw try await ParquetContent.firstRowOutside(reader, partition: partition)
                ?? ContentProblem("the time statistics span \(range), outside the partition")
        }
        try await ParquetContent.checkValueColumns(reader, partition: partition)
        return metadata
    }
}
