import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP
import LakeStorage

/// Turns uploaded files into indexed lake objects: validate the spooled file, store it (S3
/// uses multipart above its threshold), index it at once. Also validates and indexes objects
/// that clients uploaded straight to the store through presigned URLs.
///
/// Nothing half-written becomes visible: a file that fails validation never reaches the
/// store, and an object reaches the catalog only after the store acknowledged it.
final class UploadProcessor: Sendable {
    let lake: Lake
    /// Where uploads are spooled (`CACHE_DIR/uploads`).
    let spoolDirectory: String
    /// Largest accepted upload in bytes.
    let maximumBytes: Int
    /// Hears the key of every object (re)indexed here: an upload may replace an object that
    /// is cached under its old ETag.
    let objectChanged: @Sendable (String) -> Void

    init(lake: Lake, spoolDirectory: String, maximumBytes: Int, objectChanged: @escaping @Sendable (String) -> Void = { _ in }) {
        self.lake = lake
        self.spoolDirectory = spoolDirectory
        self.maximumBytes = maximumBytes
        self.objectChanged = objectChanged
    }

    /// A new spool for the field `field`.
    func spool(field: String = "file", limit: Int? = nil) throws -> UploadSpool {
        try UploadSpool(directory: spoolDirectory, limit: min(limit ?? maximumBytes, maximumBytes), field: field)
    }

    /// Spools the streamed body of `request` as the field `field` (at most `limit` bytes, and
    /// never more than the processor's limit) and closes the spool. A declared Content-Length
    /// over the limit is refused before the body is read, so the client is spared sending it;
    /// a chunked body is refused as soon as it crosses the limit.
    /// - Throws: `HTTPError` 413, or whatever reading the body throws; the spool is removed.
    func spool(bodyOf request: HTTPRequest, field: String, limit: Int?) async throws -> UploadSpool {
        let limit = min(limit ?? maximumBytes, maximumBytes)
        if case .contentLength(let length) = request.head.framing, length > limit {
            throw UploadSpool.tooLarge(field: field, limit: limit)
        }
        let spool = try spool(field: field, limit: limit)
        do {
            for try await chunk in request.bodyStream { try spool.write(chunk) }
            try spool.close()
        } catch {
            spool.discard()
            throw error
        }
        return spool
    }

    /// Validates the closed `spool` as `partition`, stores it under `key` and indexes it.
    /// - Throws: `HTTPError` 422 when the content is not valid for the partition.
    func store(_ spool: UploadSpool, partition: PartitionKey, key: String) async throws -> ObjectRecord {
        let metadata = try await Self.validated(path: spool.path, partition: partition)
        try await lake.store.put(key, fileAt: spool.path, contentType: Self.contentType(of: partition.format))
        let record = try await lake.index(key: key, partition: partition, metadata: metadata)
        objectChanged(key)
        return record
    }

    /// Validates and indexes `key`, which a client uploaded through a presigned URL. A bad
    /// object is reported (422) and not indexed; it stays in the store for inspection.
    func complete(key: String, partition: PartitionKey) async throws -> ObjectRecord {
        let info: ObjectInfo
        do {
            info = try await lake.store.head(key)
        } catch let error as ObjectStoreError where error.isNotFound {
            throw HTTPError(.notFound, code: "OBJECT_NOT_FOUND", message: "key: no object '\(key)' in the lake (upload it first)",
                            details: ["key": ["no such object"]])
        }
        if let existing = try lake.catalog.object(key: key), existing.etag == ListedObject(key: key, size: 0, etag: info.etag, lastModified: 0).etag {
            return existing
        }
        guard info.size <= Int64(maximumBytes) else {
            throw HTTPError(.contentTooLarge, code: "UPLOAD_TOO_LARGE", message: "key: the object has \(info.size) bytes, more than the \(maximumBytes)-byte limit")
        }
        let spool = try spool()
        defer { spool.discard() }
        if info.size > 0 {
            try await ObjectChunks.forEach(lake.store, key: key, first: 0, last: info.size - 1) { try spool.write($0) }
        }
        try spool.close()
        let metadata = try await Self.validated(path: spool.path, partition: partition)
        let record = try await lake.index(key: key, partition: partition, metadata: metadata)
        objectChanged(key)
        return record
    }

    private static func validated(path: String, partition: PartitionKey) async throws(HTTPError) -> ObjectMetadata {
        do {
            return try await UploadValidator.validate(fileAt: path, partition: partition)
        } catch {
            throw HTTPError(.unprocessableContent, code: "INVALID_CONTENT", message: "file: \(error.description)",
                            details: ["file": [error.description]])
        }
    }

    /// The Content-Type objects of `format` are stored with.
    static func contentType(of format: PartitionFileFormat) -> String {
        switch format {
        case .parquet: return "application/vnd.apache.parquet"
        case .csv: return "text/csv"
        case .csvGzip: return "application/gzip"
        }
    }
}
