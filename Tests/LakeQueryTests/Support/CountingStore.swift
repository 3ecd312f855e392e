import LakeStorage
import LakeTestSupport
import Synchronization

/// A store that is not a `FileStore` (so the loader treats it as remote: cache, ranged reads),
/// passing every call to `backing` and counting the GETs and the bytes they returned.
final class CountingStore: ForwardingStore, @unchecked Sendable {
    // @unchecked Sendable: the only state of its own is the Mutex-guarded counts.
    private let counts = Mutex(Counts())

    struct Counts: Equatable {
        var wholeGets = 0
        var rangedGets = 0
        var bytes = 0
        var requests: Int { wholeGets + rangedGets }
    }

    /// GETs and bytes so far.
    var counted: Counts { counts.withLock { $0 } }

    /// Whole-object GETs so far.
    var downloadCount: Int { counted.wholeGets }

    override func get(_ key: String, range: ByteRange?) async throws -> [UInt8] {
        let bytes = try await backing.get(key, range: range)
        counts.withLock { counts in
            if range == nil { counts.wholeGets += 1 } else { counts.rangedGets += 1 }
            counts.bytes += bytes.count
        }
        return bytes
    }
}
