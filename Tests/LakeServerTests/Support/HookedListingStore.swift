import Foundation
import LakeStorage
import Synchronization

/// A store that runs a hook after each listing page was read and before it is returned:
/// the moment an upload can land while a sync lists.
final class HookedListingStore: ObjectStore {
    let inner: any ObjectStore
    private let hook = Mutex<(@Sendable () async throws -> Void)?>(nil)

    init(_ inner: any ObjectStore) { self.inner = inner }

    /// Runs `body` once, during the next listing.
    func duringNextListing(_ body: @escaping @Sendable () async throws -> Void) { hook.withLock { $0 = body } }

    func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        let page = try await inner.list(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, limit: limit)
        if let body = hook.withLock({ hook in defer { hook = nil }; return hook }) { try await body() }
        return page
    }
    func head(_ key: String) async throws -> ObjectInfo { try await inner.head(key) }
    func get(_ key: String, range: ByteRange?) async throws -> [UInt8] { try await inner.get(key, range: range) }
    func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        try await inner.get(key, range: range, into: sink)
    }
    func put(_ key: String, bytes: [UInt8], contentType: String?) async throws { try await inner.put(key, bytes: bytes, contentType: contentType) }
    func put(_ key: String, fileAt path: String, contentType: String?) async throws { try await inner.put(key, fileAt: path, contentType: contentType) }
    func delete(_ key: String) async throws { try await inner.delete(key) }
    func deleteMany(_ keys: [String]) async throws { try await inner.deleteMany(keys) }
    func copy(from source: String, to destination: String) async throws { try await inner.copy(from: source, to: destination) }
    func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String {
        try await inner.presignedURL(method: method, key: key, expires: expires)
    }
    func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost {
        try await inner.presignedPost(key: key, expires: expires, maxBytes: maxBytes, contentType: contentType)
    }
}
