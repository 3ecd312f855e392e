import LakeStorage
import LakeTestSupport
import Synchronization

/// A store that runs a hook after each listing page was read and before it is returned:
/// the moment an upload can land while a sync lists.
final class HookedListingStore: ForwardingStore, @unchecked Sendable {
    // @unchecked Sendable: the only state of its own is the Mutex-guarded hook.
    private let hook = Mutex<(@Sendable () async throws -> Void)?>(nil)

    /// Runs `body` once, during the next listing.
    func duringNextListing(_ body: @escaping @Sendable () async throws -> Void) { hook.withLock { $0 = body } }

    override func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        let page = try await backing.list(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, limit: limit)
        if let body = hook.withLock({ hook in defer { hook = nil }; return hook }) { try await body() }
        return page
    }
}
