import LakeCatalog
import Synchronization

/// Finds the key a secret belongs to, through a small short-lived cache so that a request does
/// not query SQLite each time, and records each key's use at most once a minute.
///
/// The secret is compared by looking its SHA-256 up (an index probe on `key_hash`), never by
/// comparing secrets byte by byte, so the time taken reveals nothing a constant-time comparison
/// would have to hide. Unknown secrets are cached too, so a client trying random secrets costs
/// one hash and one dictionary probe per request after the first. A revocation takes effect
/// within ``Settings/cacheTTLMilliseconds``; expiry is checked on every request against the
/// clock, so it is exact.
public final class APIKeyVerifier: Sendable {
    /// Cache and bookkeeping limits.
    public struct Settings: Sendable {
        /// How long a looked-up key (or its absence) is trusted. Default 5 s.
        public var cacheTTLMilliseconds: Int64 = 5_000
        /// Most secrets cached; when full, stale entries go, and if none are stale, all do.
        public var maximumEntries = 4_096
        /// Least time between two `last_used_at` writes for one key. Default one minute.
        public var touchIntervalMilliseconds: Int64 = 60_000

        /// The defaults.
        public init() {}
    }

    private struct Entry {
        let record: APIKeyRecord?
        let fetchedAt: Int64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// When each key's use was last written to the catalog.
        var touchedAt: [String: Int64] = [:]
    }

    /// The limits.
    public let settings: Settings
    private let catalog: Catalog
    private let now: @Sendable () -> Int64
    private let state = Mutex(State())

    /// A verifier over `catalog`'s keys; `now` is the clock in epoch milliseconds (injected by tests).
    public init(catalog: Catalog, settings: Settings = Settings(), now: @escaping @Sendable () -> Int64 = CatalogReconciler.systemNow) {
        self.catalog = catalog
        self.settings = settings
        self.now = now
    }

    /// The state of the key whose secret is `secret`.
    /// - Throws: a catalog error when the key had to be looked up and SQLite failed.
    public func verify(secret: String) throws -> APIKeyState {
        guard !secret.isEmpty, secret.utf8.count <= APIKeySecret.maximumLength else { return .unknown }
        let hash = APIKeySecret.hash(secret)
        let time = now()
        let cached = state.withLock { state in
            state.entries[hash].flatMap { time - $0.fetchedAt < settings.cacheTTLMilliseconds ? $0 : nil }
        }
        let record: APIKeyRecord?
        if let cached {
            record = cached.record
        } else {
            record = try catalog.apiKey(hash: hash)
            remember(record, hash: hash, at: time)
        }
        guard let record else { return .unknown }
        if record.revokedAt != nil { return .revoked(keyID: record.keyID) }
        guard record.isUsable(at: time) else { return .expired(keyID: record.keyID) }
        touchIfDue(record, at: time)
        return .valid(keyID: record.keyID, scopes: record.scopes.compactMap(APIScope.init(rawValue:)))
    }

    private func remember(_ record: APIKeyRecord?, hash: String, at time: Int64) {
        state.withLock { state in
            if state.entries.count >= settings.maximumEntries {
                state.entries = state.entries.filter { time - $0.value.fetchedAt < settings.cacheTTLMilliseconds }
                if state.entries.count >= settings.maximumEntries { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[hash] = Entry(record: record, fetchedAt: time)
        }
    }

    /// Writes `last_used_at` when the key's last recorded use is a minute old. A failed write
    /// is not the request's problem: the next use past the interval tries again.
    private func touchIfDue(_ record: APIKeyRecord, at time: Int64) {
        let due = state.withLock { state -> Bool in
            if let last = state.touchedAt[record.keyID] ?? record.lastUsedAt, time - last < settings.touchIntervalMilliseconds {
                return false
            }
            // Only usable keys get here, so this grows with the keys issued, not with requests.
            state.touchedAt[record.keyID] = time
            return true
        }
        if due { try? catalog.touchAPIKey(id: record.keyID, now: time) }
    }
}
