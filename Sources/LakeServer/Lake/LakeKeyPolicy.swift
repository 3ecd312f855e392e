import LakeCatalog
import LakeCore
import LakeHTTP

/// Which keys clients may read and write: valid lake-layout keys under the base prefix.
///
/// A key may be given with the base prefix (`ohlcv/processed/timeframe=15m/…`) or relative to
/// it (`timeframe=15m/…`, the form seed 001's example shows). Anything else — `..`, `//`, an
/// absolute path, another prefix, a segment out of layout order, an impossible date, an
/// unsupported file, a write of a file name reserved to compaction (`compacted-…`, whose footer
/// can retire other parts) — is refused with a 400 naming the field and the problem. Accepted keys
/// are returned in the canonical written form (zero-padded month and day, `=` unescaped), so
/// one object never has two names.
public struct LakeKeyPolicy: Sendable {
    /// The lake's normalised base prefix ("" for the bucket root).
    public let basePrefix: String

    /// A policy for the lake under `basePrefix` (already normalised).
    public init(basePrefix: String) {
        self.basePrefix = basePrefix
    }

    /// The parsed partition and full key of a client-supplied key: canonical (for writes), or
    /// exactly as given with the prefix added (for reads of objects named another way).
    /// - Throws: `HTTPError` 400 `INVALID_KEY` naming `field`.
    public func resolve(_ text: String, field: String = "key", canonical: Bool = true) throws(HTTPError) -> (partition: PartitionKey, key: String) {
        guard !text.isEmpty else { throw Self.invalid(field, "must not be empty") }
        let full = basePrefix.isEmpty || text.hasPrefix(basePrefix + "/") || !text.hasPrefix("timeframe") ? text : basePrefix + "/" + text
        let partition: PartitionKey
        do {
            partition = try PartitionKey(parsing: full, basePrefix: basePrefix)
        } catch {
            throw Self.invalid(field, error.reason)
        }
        if canonical && partition.fileName.hasPrefix(CompactionLineage.fileNamePrefix) {
            throw Self.invalid(field, "file names beginning with '\(CompactionLineage.fileNamePrefix)' are written only by compaction")
        }
        return (partition, canonical ? partition.objectKey(basePrefix: basePrefix) : full)
    }

    /// A 400 about `field`.
    static func invalid(_ field: String, _ reason: String) -> HTTPError {
        HTTPError(.badRequest, code: "INVALID_KEY", message: "\(field): \(reason)", details: [field: [reason]])
    }
}
