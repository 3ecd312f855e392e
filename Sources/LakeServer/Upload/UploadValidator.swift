import Foundation
import LakeCatalog
import LakeCore
import LakeFormats

/// Checks an uploaded file before it becomes visible: its bytes match the key's format, it
/// reads as Parquet or CSV with OHLCV columns (trade columns for `trades`), it has rows, and
/// every row lies inside the partition's time range.
enum UploadValidator {
    /// The file's metadata. - Throws: ``ContentProblem`` saying what is wrong.
    static func validate(fileAt path: String, partition: PartitionKey) throws(ContentProblem) -> ObjectMetadata {
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
            let file = try TabularFile(path: path)
            metadata = try PartitionContent.metadata(of: try file.read(), lines: file.csvLines, partition: partition)
        } catch let problem as ContentProblem {
            throw problem
        } catch {
            throw ContentProblem("unreadable \(isParquet ? "Parquet" : "CSV"): \(error)")
        }
        guard metadata.rowCount > 0 else { throw ContentProblem("the file has no rows") }
        return metadata
    }
}
