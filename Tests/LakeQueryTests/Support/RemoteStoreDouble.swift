import LakeStorage
import Synchronization

/// A store that is not a `FileStore` (so the loader treats it as remote and uses the cache),
/// backed by one and counting the object downloads.
final class RemoteStoreDouble: ObjectStore {
    let backing: FileStore
    private let downloads = Mutex(0)

    init(_ backing: FileStore) { self.backing = backing }

    var downloadCount: Int { downloads.withLock { $0 } }

    func get(_ key: String, range: ByteRange?) async throws -> [UInt8] {
        downloads.withLock { $0 += 1 }
        return try await backing.get(key, range: range)
    }

    func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        try await backing.list(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, limit: limit)
    }
    func head(_ key: String) async throws -> ObjectInfo { try await backing.head(key) }
    func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        try await backing.get(key, range: range, into: sink)
    }
    func put(_ key: String, bytes: [UInt8], contentType: String?) async throws { try await backing.put(key, bytes: bytes, contentType: contentType) }
    func put(_ key: String, fileAt path: String, contentType: String?) async throws { try await backing.put(key, fileAt: path, contentType: contentType) }
    func delete(_ key: String) async throws { try await backing.delete(key) }
    func deleteMany(_ keys: [String]) async throws { try await backing.deleteMany(keys) }
    func copy(from source: String, to destination: String) async throws { try await backing.copy(from: source, to: destination) }
    func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String {
        try await backing.presignedURL(method: method, key: key, expires: expires)
    }
    func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost {
        try await backing.presignedPost(key: key, expires: expires, maxBytes: maxBytes, contentType: contentType)
    }
}
