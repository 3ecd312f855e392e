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
        var name = fileName
        let found: PartitionFileFormat? = name.withUTF8 { bytes in
            // Longest extension first, so that `.csv.gz` is never taken for something shorter.
            for format in [Self.csvGzip, .parquet, .csv] where Self.hasSuffix(bytes, format.fileExtensionBytes) {
                return format
            }
            return nil
        }
        guard let found else { return nil }
        self = found
    }

    private var fileExtensionBytes: StaticString {
        switch self {
        case .parquet: return ".parquet"
        case .csv: return ".csv"
        case .csvGzip: return ".csv.gz"
        }
    }

    /// Whether `bytes` ends in `suffix` (ASCII case-insensitive) after at least one byte of stem.
    private static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard bytes.count > count else { return false }
        let start = bytes.count - count
        let expected = suffix.utf8Start
        for offset in 0..<count where bytes[start + offset] | 0x20 != expected[offset] | 0x20 {
            return false
        }
        return true
    }
}
