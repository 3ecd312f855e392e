import LakeCore

/// The difference between the catalog and a store listing, before anything is changed.
public struct ReconcilePlan: Sendable {
    /// A listed object in the lake layout, with its parsed key.
    public struct Entry: Hashable, Sendable {
        /// The listing's view of the object.
        public let listed: ListedObject
        /// Its parsed key.
        public let partition: PartitionKey
    }

    /// Objects listed in the store and unknown to the catalog.
    public internal(set) var added: [Entry] = []
    /// Objects whose ETag differs from the catalog's.
    public internal(set) var changed: [Entry] = []
    /// Keys in the catalog that the listing no longer has.
    public internal(set) var deleted: [String] = []
    /// Objects listed and indexed with the same ETag.
    public internal(set) var unchanged = 0
    /// Objects listed in total.
    public internal(set) var listed = 0
    /// Listed keys that are not lake objects (`_SUCCESS`, `README`, wrong layout), counted…
    public internal(set) var ignoredCount = 0
    /// …and the first ``maximumIgnoredSamples`` of them with the reason, for the report.
    public internal(set) var ignored: [SkippedObject] = []
    /// Last-modified time of every listed key, to tell a replaced part still in the store
    /// from a later object of the same key (see ``CompactionLineage``).
    var listedModified: [String: Int64] = [:]

    /// How many ignored keys a plan keeps with their reasons (the count is always exact).
    public static let maximumIgnoredSamples = 100

    /// Takes `keys` off ``deleted``: records written after the listing began (an upload
    /// indexed while a sync listed the store), which the listing could not have seen.
    public mutating func keepRecords(_ keys: Set<String>) {
        deleted.removeAll { keys.contains($0) }
    }
}

/// Builds a ``ReconcilePlan`` from the catalog's fingerprints and a listing, one object at a time.
struct ReconcilePlanner {
    private var remaining: [String: String]
    private let layout: LakeLayout
    private let reindexUnchanged: Bool
    private(set) var plan = ReconcilePlan()

    init(catalogFingerprints: [String: String], layout: LakeLayout, reindexUnchanged: Bool) {
        self.remaining = catalogFingerprints
        self.layout = layout
        self.reindexUnchanged = reindexUnchanged
    }

    mutating func add(_ object: ListedObject) {
        plan.listed += 1
        plan.listedModified[object.key] = object.lastModified
        // Unchanged objects (most of a periodic sync) were parsed when they were indexed.
        if !reindexUnchanged, let known = remaining[object.key], known == object.etag {
            remaining.removeValue(forKey: object.key)
            plan.unchanged += 1
            return
        }
        let partition: PartitionKey
        do {
            partition = try layout.parse(object.key)
        } catch {
            plan.ignoredCount += 1
            if plan.ignored.count < ReconcilePlan.maximumIgnoredSamples {
                plan.ignored.append(SkippedObject(key: object.key, reason: error.reason))
            }
            return
        }
        if remaining.removeValue(forKey: object.key) == nil {
            plan.added.append(.init(listed: object, partition: partition))
        } else {
            plan.changed.append(.init(listed: object, partition: partition))
        }
    }

    /// The plan; whatever the listing did not mention is deleted (in key order).
    mutating func finish() -> ReconcilePlan {
        plan.deleted = remaining.keys.sorted()
        remaining = [:]
        return plan
    }
}
