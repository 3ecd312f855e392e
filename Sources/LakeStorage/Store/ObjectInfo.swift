import Foundation

/// What a store knows about one object (a listing entry or a HEAD answer).
public struct ObjectInfo: Sendable, Equatable {
    /// The object's key.
    public let key: String
    /// Size in bytes.
    public let size: Int64
    /// Entity tag without quotes (S3: MD5 of single-part objects, `…-N` for multipart).
    public let etag: String
    /// Last write time.
    public let lastModified: Date
    /// `Content-Type`, when the store knows it (HEAD on S3).
    public let contentType: String?

    /// An object description.
    public init(key: String, size: Int64, etag: String, lastModified: Date, contentType: String? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
    }
}
