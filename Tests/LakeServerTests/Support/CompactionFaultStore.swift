import LakeCatalog
import LakeStorage
import LakeTestSupport
import Synchronization

/// A store that stops a compaction between its steps, or runs a hook just before the compacted
/// object is written (the moment an ingest or a second compaction can interleave).
final class CompactionFaultStore: ForwardingStore, @unchecked Sendable {
    // @unchecked Sendable: its own state is the Mutex-guarded settings below.
    struct Faults {
        /// Runs once, before the next compacted object is written.
        var beforeCompactedPut: (@Sendable () async throws -> Void)?
        /// The compactor's HEAD of the object it wrote fails: a crash after step 3.
        var failAfterCompactedPut = false
        /// Deletes fail: a crash after the catalog commit, before the parts are gone.
        var failDeletes = false
    }

    struct Crash: Error {}

    let faults = Mutex(Faults())

    private static func isCompacted(_ key: String) -> Bool {
        key.split(separator: "/").last?.hasPrefix(CompactionLineage.fileNamePrefix) == true
    }

    override func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo {
        if Self.isCompacted(key), let hook = faults.withLock({ faults in defer { faults.beforeCompactedPut = nil }; return faults.beforeCompactedPut }) {
            try await hook()
        }
        return try await backing.put(key, bytes: bytes, contentType: contentType)
    }

    override func head(_ key: String) async throws -> ObjectInfo {
        if Self.isCompacted(key), faults.withLock({ $0.failAfterCompactedPut }) { throw Crash() }
        return try await backing.head(key)
    }

    override func deleteMany(_ keys: [String]) async throws {
        if faults.withLock({ $0.failDeletes }) { throw Crash() }
        try await backing.deleteMany(keys)
    }
}
