import Foundation

/// What an API key may do. `admin` implies `ingest` and `read`; `ingest` and `read` are
/// independent (a loader that only writes need not be able to read the lake back).
public enum APIScope: String, CaseIterable, Sendable, Comparable {
    /// Reading market data, symbols, objects and service status.
    case read
    /// Writing: uploads, presigned URLs, trade ingest.
    case ingest
    /// Operating the service: catalog sync, compaction, cache deletion, stream admin views.
    case admin

    /// Whether a key holding `granted` may use a route needing `self`.
    public func isGranted(by granted: some Sequence<APIScope>) -> Bool {
        granted.contains { $0 == self || $0 == .admin }
    }

    /// Scopes from a comma-separated list (`read,ingest`).
    /// - Throws: ``APIKeyError/invalidScopes(_:)`` naming what is not a scope, or an empty list.
    public static func parseList(_ text: String) throws(APIKeyError) -> [APIScope] {
        var scopes: [APIScope] = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let scope = APIScope(rawValue: word.lowercased()) else { throw .invalidScopes("'\(word)' is not read, ingest or admin") }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        guard !scopes.isEmpty else { throw .invalidScopes("at least one of read, ingest, admin is needed") }
        return scopes.sorted()
    }

    /// Ordered as declared (read, ingest, admin), the order lists print them in.
    public static func < (lhs: APIScope, rhs: APIScope) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .read: 0
        case .ingest: 1
        case .admin: 2
        }
    }
}

/// A bad request to create an API key.
public enum APIKeyError: Error, Equatable, CustomStringConvertible {
    /// The scope list names something that is not a scope, or nothing.
    case invalidScopes(String)

    public var description: String {
        switch self {
        case .invalidScopes(let reason): "invalid scopes: \(reason)"
        }
    }
}
