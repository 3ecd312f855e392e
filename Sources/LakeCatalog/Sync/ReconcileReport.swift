/// What a reconcile did.
public struct ReconcileReport: Hashable, Sendable {
    /// Objects in the listing.
    public internal(set) var listed = 0
    /// New objects indexed.
    public internal(set) var added = 0
    /// Changed objects re-indexed.
    public internal(set) var changed = 0
    /// Records removed: deleted objects, and changed objects that no longer index.
    public internal(set) var deleted = 0
    /// Objects already indexed with the same ETag.
    public internal(set) var unchanged = 0
    /// Listed keys outside the layout (count)…
    public internal(set) var ignoredCount = 0
    /// …and a sample of them with reasons.
    public internal(set) var ignored: [SkippedObject] = []
    /// Layout objects whose metadata could not be read or did not fit their partition.
    public internal(set) var rejected: [SkippedObject] = []
    /// Listed parts whose rows a compacted object holds (a compaction stopped before its
    /// delete step): not indexed, their records removed; the caller may delete them from the
    /// store and then ``Catalog/forgetReplacedParts(keys:)``.
    public internal(set) var superseded: [String] = []
    /// Unindexed compacted objects too young to trust yet (their compaction may still be
    /// committing; see ``CatalogReconciler/compactionSettleTime``): left for a later sync.
    public internal(set) var deferred: [String] = []
}

/// Progress of ``CatalogReconciler/apply(_:progress:)``, reported after each batch.
public struct ReconcileProgress: Hashable, Sendable {
    /// Objects (added or changed) whose metadata has been read so far.
    public let processed: Int
    /// Objects to read in total.
    public let total: Int
    /// Records removed so far.
    public let deleted: Int
}
