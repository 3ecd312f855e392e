import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP
import LakeStorage

/// The lake as the service sees it: the object store (S3 or a local directory), the SQLite
/// catalog indexing it, where it lives, and which keys belong to it.
///
/// Catalog keys are full store keys (base prefix included), exactly as a listing returns them.
///
/// ```swift
/// let lake = try Lake.open(configuration)
/// let page = try lake.catalog.symbols()
/// ```
public final class Lake: Sendable {
    /// Where objects are read and written.
    public let store: any ObjectStore
    /// The index of the objects.
    public let catalog: Catalog
    /// The bucket or directory, for `s3_path`s and `/object?path=`.
    public let location: LakeLocation
    /// Which keys clients may use.
    public let keys: LakeKeyPolicy

    /// A lake from its parts (tests build one over a temporary directory or a LocalStack prefix).
    public init(store: any ObjectStore, catalog: Catalog, location: LakeLocation, basePrefix: String) {
        self.store = store
        self.catalog = catalog
        self.location = location
        self.keys = LakeKeyPolicy(basePrefix: basePrefix)
    }

    /// The lake `configuration` describes: an S3 bucket when `S3_BUCKET` is set, else the
    /// directory `DATA_DIR/lake`; the catalog at `CATALOG_PATH`.
    public static func open(_ configuration: ServerConfiguration) throws -> Lake {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let catalogDirectory = (configuration.catalogPath as NSString).deletingLastPathComponent
        if !catalogDirectory.isEmpty {
            try FileManager.default.createDirectory(atPath: catalogDirectory, withIntermediateDirectories: true)
        }
        let catalog = try Catalog(path: configuration.catalogPath)
        if let bucket = configuration.bucket, let s3 = configuration.s3 {
            let client = S3Client(configuration: s3, credentials: AWSCredentialsChain.default(environment: configuration.credentialEnvironment),
                                  diagnostics: Logger(label: "s3", level: configuration.logLevel).debugSink)
            return Lake(store: S3Store(client: client, bucket: bucket), catalog: catalog, location: .s3(bucket: bucket),
                        basePrefix: configuration.basePrefix)
        }
        let store = try FileStore(root: absolutePath(configuration.dataDirectory + "/lake"))
        return Lake(store: store, catalog: catalog, location: .directory(store.root), basePrefix: configuration.basePrefix)
    }

    /// The lake's normalised base prefix.
    public var basePrefix: String { keys.basePrefix }

    /// The prefix to list: the base prefix with a trailing `/`, or "" for the root.
    public var listingPrefix: String { basePrefix.isEmpty ? "" : basePrefix + "/" }

    /// Every object under the base prefix, page by page, as the catalog's reconciler wants them.
    /// `pageLoaded` hears the running count after each page.
    public func listObjects(pageLoaded: (Int) -> Void = { _ in }) async throws -> [ListedObject] {
        var objects: [ListedObject] = []
        for try await page in store.pages(prefix: listingPrefix) {
            for info in page.objects {
                objects.append(Self.listed(info))
            }
            pageLoaded(objects.count)
        }
        return objects
    }

    /// A store listing entry as the catalog sees it (last-modified in epoch ms).
    static func listed(_ info: ObjectInfo) -> ListedObject {
        ListedObject(key: info.key, size: info.size, etag: info.etag, lastModified: Int64((info.lastModified.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Indexes one object whose content was just validated (an upload), without a listing.
    public func index(key: String, partition: PartitionKey, metadata: ObjectMetadata) async throws -> ObjectRecord {
        let info = try await store.head(key)
        let record = try record(key: key, partition: partition, metadata: metadata, stored: info)
        try catalog.upsert([record])
        return record
    }

    /// The catalog record of an object whose content is known, with size, ETag and time as
    /// `stored` says (a HEAD, or what the store's put answered), for callers that index it in a
    /// transaction of their own.
    public func record(key: String, partition: PartitionKey, metadata: ObjectMetadata, stored info: ObjectInfo) throws -> ObjectRecord {
        let range = partition.timeRange
        let times = metadata.timeRange ?? range.lowerBound...(range.upperBound - 1)
        return try ObjectRecord(key: key, partition: partition, minTime: times.lowerBound, maxTime: times.upperBound,
                                rowCount: metadata.rowCount, size: info.size,
                                etag: ListedObject(key: key, size: info.size, etag: info.etag, lastModified: 0).etag,
                                lastModified: Int64((info.lastModified.timeIntervalSince1970 * 1000).rounded()),
                                indexedAt: CatalogReconciler.systemNow(), rankedAs: metadata.lineage?.rank(of: key))
    }

    private static func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
