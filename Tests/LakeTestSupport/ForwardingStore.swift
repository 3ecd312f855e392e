import LakeStorage

/// An object store that passes every call to `backing`: test doubles subclass it and
/// override only the calls they watch or hook.
///
/// `@unchecked Sendable`: the class holds nothing but the immutable `backing` store, which is
/// `Sendable`; subclasses guard any state of their own (e.g. with a `Mutex`).
open class ForwardingStore: ObjectStore, @unchecked Sendable {
    /// The store every call goes to.
    public let backing: any ObjectStore

    /// A store forwarding to `backing`.
    public init(_ backing: any ObjectStore) { self.backing = backing }

    open func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        try await backing.list(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, limit: limit)
    }
    open func head(_ key: String) async throws -> ObjectInfo { try await backing.head(key) }
    open func get(_ key: String, range: ByteRange?) async throws -> [UInt8] { try await backing.get(key, range: range) }
    open func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        try await backing.get(key, range: range, into: sink)
    }
    @discardableResult
    open func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo {
        try await backing.put(key, bytes: bytes, contentType: contentType)
    }
    open func put(_ key: String, fileAt path: String, contentType: String?) async throws {
        try await backing.put(key, fileAt: path, contentType: contentType)
    }
    open func delete(_ key: String) async throws { try await backing.delete(key) }
    open func deleteMany(_ keys: [String]) async throws { try await backing.deleteMany(keys) }
    open func copy(from source: String, to destination: String) async throws { try await backing.copy(from: source, to: destination) }
    open func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String {
        try await backing.presignedURL(method: method, key: key, expires: expires)
    }
    open func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost {
        try await backing.presignedPost(key: key, expires: expires, maxBytes: maxBytes, contentType: contentType)
    }
}
