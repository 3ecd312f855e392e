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

    /// A looked-up secret: its key (nil: no such key) with the scopes parsed once.
    private struct Entry {
        let record: APIKeyRecord?
        let scopes: [APIScope]
        let fetchedAt: Int64

        init(_ record: APIKeyRecord?, fetchedAt: Int64) {
            self.record = record
            scopes = record?.scopes.compactMap(APIScope.init(rawValue:)) ?? []
            self.fetchedAt = fetchedAt
        }
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
        // A cache hit takes the lock once, for the probe and the last-use bookkeeping together.
        let hit = state.withLock { state -> (APIKeyState, touch: APIKeyRecord?)? in
            guard let entry = state.entries[hash], time - entry.fetchedAt < settings.cacheTTLMilliseconds else { return nil }
            return resolve(entry, at: time, in: &state)
        }
        let (keyState, touch) = try hit ?? lookUp(hash, at: time)
        // A failed write is not the request's problem: the next use past the interval tries again.
        if let touch { try? catalog.touchAPIKey(id: touch.keyID, now: time) }
        return keyState
    }

    /// A cache miss: the catalog's answer, remembered.
    private func lookUp(_ hash: String, at time: Int64) throws -> (APIKeyState, touch: APIKeyRecord?) {
        let entry = Entry(try catalog.apiKey(hash: hash), fetchedAt: time)
        return state.withLock { state in
            if state.entries.count >= settings.maximumEntries {
                state.entries = state.entries.filter { time - $0.value.fetchedAt < settings.cacheTTLMilliseconds }
                if state.entries.count >= settings.maximumEntries { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[hash] = entry
            return resolve(entry, at: time, in: &state)
        }
    }

    /// What `entry` means at `time`, and the key whose use is to be written now (when it is
    /// usable and its last recorded use is a minute old). Expiry is judged here, on every
    /// request, so a cached key stops working at its expiry exactly.
    private func resolve(_ entry: Entry, at time: Int64, in state: inout State) -> (APIKeyState, touch: APIKeyRecord?) {
        guard let record = entry.record else { return (.unknown, nil) }
        if record.revokedAt != nil { return (.revoked(keyID: record.keyID), nil) }
        guard record.isUsable(at: time) else { return (.expired(keyID: record.keyID), nil) }
        let valid = APIKeyState.valid(keyID: record.keyID, scopes: entry.scopes)
        if let last = state.touchedAt[record.keyID] ?? record.lastUsedAt, time - last < settings.touchIntervalMilliseconds {
            return (valid, nil)
        }
        // Only usable keys get here, so this grows with the keys issued, not with requests.
        state.touchedAt[record.keyID] = time
        return (valid, record)
    }
}
