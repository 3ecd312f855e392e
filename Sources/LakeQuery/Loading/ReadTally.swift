import Synchronization

/// Where one query's objects were read from: the local lake in place, the service's object
/// cache, or the remote store (a download or ranged reads). Seed 000's `cached` flag is
/// ``allFromCache``.
public final class ReadTally: Sendable {
    /// Where one object's bytes came from.
    public enum Origin: Sendable {
        case localLake, cache, store
    }

    private let counts = Mutex([Int](repeating: 0, count: 3))

    /// An empty tally.
    public init() {}

    func record(_ origin: Origin) {
        counts.withLock { $0[Self.slot(origin)] += 1 }
    }

    /// Objects read from `origin` so far.
    public func count(_ origin: Origin) -> Int {
        counts.withLock { $0[Self.slot(origin)] }
    }

    /// Whether at least one object was read and every one came from the object cache.
    public var allFromCache: Bool {
        counts.withLock { $0[Self.slot(.cache)] > 0 && $0[Self.slot(.localLake)] == 0 && $0[Self.slot(.store)] == 0 }
    }

    private static func slot(_ origin: Origin) -> Int {
        switch origin {
        case .localLake: 0
        case .cache: 1
        case .store: 2
        }
    }
}
