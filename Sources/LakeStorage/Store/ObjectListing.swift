/// One page of a listing: objects and "directories" (common prefixes) in key order.
public struct ObjectListing: Sendable, Equatable {
    /// Objects whose keys start with the prefix (and, with a delimiter, contain no
    /// delimiter after it).
    public let objects: [ObjectInfo]
    /// With a delimiter: the distinct `prefix…delimiter` groups, each listed once.
    public let commonPrefixes: [String]
    /// Pass this back to get the next page; nil on the last page.
    public let continuationToken: String?

    /// A listing page.
    public init(objects: [ObjectInfo], commonPrefixes: [String], continuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.continuationToken = continuationToken
    }
}
