import Foundation

/// What a compacted object says about its origin, in its Parquet footer's key-value metadata:
/// the parts it replaced and the rank it inherits from the newest of them.
///
/// **Crash safety.** Compaction writes the compacted object, commits the catalog (insert it,
/// remove the parts), and only then deletes the parts. A crash between the steps leaves the
/// parts listed next to the compacted object; trades are not deduplicated by readers, so a sync
/// indexing both would double every trade. The footer makes the compacted object
/// self-describing: a sync that lists it (or already indexed it) does not index a part it names
/// — as long as that part is no newer than the compacted object (a key written again later is
/// new data) — and drops the part's record if it had one.
///
/// | footer key | value |
/// |---|---|
/// | `candlelake.replaces` | JSON array of the replaced file names, all in the compacted object's directory |
/// | `candlelake.rank` | JSON `{"last_modified": ms, "file_name": …}`: the newest replaced part's rank |
public struct CompactionLineage: Hashable, Sendable {
    /// The footer key of the replaced file names.
    public static let replacesMetadataKey = "candlelake.replaces"
    /// The footer key of the inherited rank.
    public static let rankMetadataKey = "candlelake.rank"
    /// How compacted objects' file names begin, so a sync reads their footers before it
    /// indexes anything else (and so people can tell them apart).
    public static let fileNamePrefix = "compacted-"
    /// The most replaced names one footer may list (about 40 bytes each).
    public static let maximumReplaced = 100_000

    /// File names of the replaced parts, in the compacted object's directory.
    public let replacedFileNames: [String]
    /// Last-modified time (epoch ms) of the newest replaced part.
    public let rankModified: Int64
    /// File name of the newest replaced part (the tie-breaker of its rank).
    public let rankFileName: String

    /// A lineage; `rankModified`/`rankFileName` are the newest replaced part's.
    public init(replacedFileNames: [String], rankModified: Int64, rankFileName: String) {
        self.replacedFileNames = replacedFileNames
        self.rankModified = rankModified
        self.rankFileName = rankFileName
    }

    /// The lineage a footer's key-value metadata records, nil when it records none (an
    /// ordinary part).
    /// - Throws: ``CatalogError`` `.invalidArgument` when one key is present without the other
    ///   or a value does not parse; such an object is not indexed, so its parts stay visible.
    public init?(footer metadata: [String: String]) throws(CatalogError) {
        let replaces = metadata[Self.replacesMetadataKey], rank = metadata[Self.rankMetadataKey]
        if replaces == nil && rank == nil { return nil }
        guard let replaces, let rank,
              let names = try? JSONDecoder().decode([String].self, from: Data(replaces.utf8)),
              let parsedRank = try? JSONDecoder().decode(FooterRank.self, from: Data(rank.utf8)) else {
            throw CatalogError(.invalidArgument, "compaction metadata \(Self.replacesMetadataKey)/\(Self.rankMetadataKey) does not parse")
        }
        guard names.count <= Self.maximumReplaced, (names + [parsedRank.file_name]).allSatisfy(Self.isPlainFileName) else {
            throw CatalogError(.invalidArgument, "compaction metadata names more than \(Self.maximumReplaced) parts or a path that is not a file name")
        }
        self.init(replacedFileNames: names, rankModified: parsedRank.last_modified, rankFileName: parsedRank.file_name)
    }

    /// The footer entries (key, value) that record this lineage.
    public var footerMetadata: [(key: String, value: String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Encoding arrays of strings and a struct of a string and an integer cannot fail.
        let names = String(decoding: try! encoder.encode(replacedFileNames), as: UTF8.self)
        let rank = String(decoding: try! encoder.encode(FooterRank(last_modified: rankModified, file_name: rankFileName)), as: UTF8.self)
        return [(Self.replacesMetadataKey, names), (Self.rankMetadataKey, rank)]
    }

    /// The full keys of the replaced parts, given the compacted object's key.
    public func replacedKeys(of compactedKey: String) -> [String] {
        let directory = Self.directory(of: compactedKey)
        return replacedFileNames.map { directory + $0 }
    }

    /// The rank the compacted object at `compactedKey` inherits.
    public func rank(of compactedKey: String) -> PartPrecedence {
        PartPrecedence(lastModified: rankModified, key: Self.directory(of: compactedKey) + rankFileName)
    }

    /// `key` up to and including its last `/` ("" for a key without one).
    static func directory(of key: String) -> String {
        guard let slash = key.lastIndex(of: "/") else { return "" }
        return String(key[...slash])
    }

    private static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".."
    }

    /// The JSON of `candlelake.rank` (snake-case keys, as the footer stores them).
    private struct FooterRank: Codable {
        let last_modified: Int64
        let file_name: String
    }
}
