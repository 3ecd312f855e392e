import LakeStorage
import Synchronization

/// A store that is not a `FileStore` (so the loader treats it as remote: cache, ranged reads),
/// passing every call to `backing` and counting the GETs and the bytes they returned.
final class CountingStore: ObjectStore {
    let backing: any ObjectStore
    private let counts = Mutex(Counts())

    struct Counts: Equatable {
        var wholeGets = 0
        var rangedGets = 0
        var bytes = 0
        var requests: Int { wholeGets + rangedGets }
    }

    init(_ backing: any ObjectStore) { self.backing = backing }

    /// GETs and bytes so far.
    var counted: Counts { counts.withLock { $0 } }

    /// Whole-object GETs so far.
    var downloadCount: Int { counted.wholeGets }

    func get(_ key: String, range: ByteRange?) async throws -> [UInt8] {
        let bytes = try await backing.get(key, range: range)
        counts.withLock { counts in
            if range == nil { counts.wholeGets += 1 } else { counts.rangedGets += 1 }
            counts.bytes += bytes.count
        }
        return bytes
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
