/// The file formats a partition may hold, recognised by the file name's extension.
public enum PartitionFileFormat: String, Hashable, Sendable, CaseIterable {
    /// Apache Parquet (`.parquet`).
    case parquet
    /// Comma-separated values (`.csv`).
    case csv
    /// Gzip-compressed CSV (`.csv.gz`).
    case csvGzip = "csv.gz"

    /// The extension including its leading dot, as written in keys.
    public var fileExtension: String { "." + rawValue }

    /// The format a file name's extension names (case-insensitive), or `nil`.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        // Longest extension first: `.csv.gz` before `.gz` could ever be considered.
        for format in [Self.csvGzip, .parquet, .csv] where lowered.hasSuffix(format.fileExtension) {
            guard lowered.count > format.fileExtension.count else { return nil }
            self = format
            return
        }
        return nil
    }
}
