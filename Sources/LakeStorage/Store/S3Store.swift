import Foundation
/// An `ObjectStore` on an S3 bucket, optionally below a key prefix (`s3://bucket/prefix/`).
///
/// ```swift
/// let client = S3Client(configuration: try .fromEnvironment(), credentials: AWSCredentialsChain.default())
/// let store = S3Store(client: client, bucket: "lake", prefix: "prod/")
/// ```
public struct S3Store: ObjectStore {
    /// The client requests go through.
    public let client: S3Client
    /// The bucket.
    public let bucket: String
    /// Prepended to every key ("" or ending in `/`); listings return keys without it.
    public let prefix: String

    /// A store on `bucket`, keys below `prefix`.
    public init(client: S3Client, bucket: String, prefix: String = "") {
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }

    private func full(_ key: String) -> String { prefix + key }

    private func relative(_ key: String) -> String { String(key.dropFirst(prefix.count)) }

    /// Maps S3's not-found and invalid-range to the store-wide errors so callers handle
    /// both backends alike.
    private func mappingNotFound<T>(_ key: String, range: ByteRange? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as S3Error where error.kind == .notFound {
            throw ObjectStoreError.notFound(key: key)
        } catch let error as S3Error where error.kind == .invalidRange {
            guard let range else { throw error }
            throw ObjectStoreError.invalidRange(key: key, range: range, size: error.actualObjectSize)
        }
    }

    public func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        let page = try await client.listObjects(bucket: bucket, prefix: full(prefix), delimiter: delimiter,
                                                continuationToken: continuationToken, maxKeys: limit)
        return ObjectListing(
            objects: page.objects.map { ObjectInfo(key: relative($0.key), size: $0.size, etag: $0.etag, lastModified: $0.lastModified) },
            commonPrefixes: page.commonPrefixes.map(relative), continuationToken: page.continuationToken)
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        let info = try await mappingNotFound(key) { try await client.headObject(bucket: bucket, key: full(key)) }
        return ObjectInfo(key: key, size: info.size, etag: info.etag, lastModified: info.lastModified, contentType: info.contentType)
    }

    public func get(_ key: String, range: ByteRange?) async throws -> [UInt8] {
        try await mappingNotFound(key, range: range) { try await client.getObject(bucket: bucket, key: full(key), range: range) }
    }

    public func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        let info = try await mappingNotFound(key, range: range) { try await client.getObject(bucket: bucket, key: full(key), range: range, into: sink) }
        return ObjectInfo(key: key, size: info.size, etag: info.etag, lastModified: info.lastModified, contentType: info.contentType)
    }

    @discardableResult
    public func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo {
        let etag = try await client.upload(bucket: bucket, key: full(key), body: bytes, contentType: contentType)
        // A store that answers a PUT without an ETag is asked for the object instead.
        guard !etag.isEmpty else { return try await head(key) }
        return ObjectInfo(key: key, size: Int64(bytes.count), etag: etag, lastModified: Date(), contentType: contentType)
    }

    public func put(_ key: String, fileAt path: String, contentType: String?) async throws {
        try await client.upload(bucket: bucket, key: full(key), fileAt: path, contentType: contentType)
    }

    public func delete(_ key: String) async throws {
        try await client.deleteObject(bucket: bucket, key: full(key))
    }

    public func deleteMany(_ keys: [String]) async throws {
        let failures = try await client.deleteObjects(bucket: bucket, keys: keys.map(full))
        if !failures.isEmpty { throw ObjectStoreError.partialDelete(failedKeys: failures.map { relative($0.key) }) }
    }

    public func copy(from source: String, to destination: String) async throws {
        try await mappingNotFound(source) {
            _ = try await client.copyObject(sourceBucket: bucket, sourceKey: full(source), bucket: bucket, key: full(destination))
        }
    }

    public func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String {
        try await client.presignedURL(method: method, bucket: bucket, key: full(key), expires: expires)
    }

    public func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost {
        var policy = S3PostPolicy(bucket: bucket, key: full(key))
        if let maxBytes { policy.conditions.append(.contentLengthRange(0, maxBytes)) }
        if let contentType {
            policy.fields.append(("Content-Type", contentType))
            policy.conditions.append(.equals(field: "Content-Type", value: contentType))
        }
        return try await client.presignedPost(policy, expires: expires)
    }
}
