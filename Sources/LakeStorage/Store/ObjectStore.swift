/// Where CandleLake keeps objects: S3 (`S3Store`) or a local directory (`FileStore`).
///
/// Keys are `/`-separated paths without a leading `/`. Listings are in byte order of the
/// keys, like S3. A missing key throws `ObjectStoreError.notFound`; backends may throw
/// their own errors (`S3Error`) for everything else.
///
/// ```swift
/// let store: any ObjectStore = try FileStore(root: "/var/lib/candlelake/data")
/// try await store.put("a/b.csv", bytes: Array("x\n".utf8), contentType: "text/csv")
/// for try await page in store.pages(prefix: "a/") { print(page.objects.map(\.key)) }
/// ```
public protocol ObjectStore: Sendable {
    /// One page of keys under `prefix` (at most `limit`), grouped by `delimiter` if given,
    /// continuing after a previous page's `continuationToken`.
    func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing

    /// Size, ETag, modification time of `key`.
    func head(_ key: String) async throws -> ObjectInfo

    /// The object's bytes, or only `range`.
    func get(_ key: String, range: ByteRange?) async throws -> [UInt8]

    /// Streams the object (or `range`) to `sink` without holding it in memory.
    func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo

    /// Stores `bytes` under `key` atomically (readers see the old or the new object) and returns
    /// what the store now holds, so that a caller indexing it needs no HEAD (S3: the ETag of the
    /// PUT's answer, the client's clock as the modification time).
    @discardableResult
    func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo

    /// Stores the file at `path` under `key` (large files stream; S3 uses multipart).
    func put(_ key: String, fileAt path: String, contentType: String?) async throws

    /// Removes `key`; removing a missing key succeeds.
    func delete(_ key: String) async throws

    /// Removes many keys (S3: 1,000 per request).
    /// - Throws: `ObjectStoreError.partialDelete` naming keys that could not be removed.
    func deleteMany(_ keys: [String]) async throws

    /// Copies `source` to `destination` inside the store.
    func copy(from source: String, to destination: String) async throws

    /// A URL that lets a client without credentials perform `method` on `key` for
    /// `expires` seconds. (A FileStore will point at CandleLake's own server, signed with
    /// an HMAC; until then it throws `ObjectStoreError.unsupported`.)
    func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String

    /// A browser-form upload to `key`, limited to `maxBytes`, for `expires` seconds.
    func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost
}

extension ObjectStore {
    /// Every page under `prefix`, following continuation tokens to the end.
    public func pages(prefix: String = "", delimiter: String? = nil, pageSize: Int = 1000) -> ListingPages {
        ListingPages { token in try await self.list(prefix: prefix, delimiter: delimiter, continuationToken: token, limit: pageSize) }
    }

    /// The whole object.
    public func get(_ key: String) async throws -> [UInt8] {
        try await get(key, range: nil)
    }

    /// Stores `bytes` without a content type.
    @discardableResult
    public func put(_ key: String, bytes: [UInt8]) async throws -> ObjectInfo {
        try await put(key, bytes: bytes, contentType: nil)
    }
}
