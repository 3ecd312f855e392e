import Synchronization

/// Derived SigV4 signing keys, cached per (secret, date, region, service).
///
/// Deriving a key costs four HMACs; a key is valid for a whole UTC day, so every
/// request of the day after the first reuses it. The cache holds a handful of entries
/// (one per active region/service/credential) and evicts the oldest.
public final class SigningKeyCache: Sendable {
    /// The process-wide cache used by default.
    public static let shared = SigningKeyCache()

    private struct Entry {
        let secret: String
        let dateStamp: ArraySlice<UInt8>
        let region: String
        let service: String
        let key: HMACKey
    }

    private let capacity: Int
    private let entries = Mutex<[Entry]>([])

    /// A cache holding at most `capacity` keys.
    public init(capacity: Int = 16) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// The signing key for the scope, derived on first use.
    public func key(secret: String, dateStamp: ArraySlice<UInt8>, region: String, service: String) -> HMACKey {
        let cached = entries.withLock { entries in
            entries.last(where: { $0.dateStamp == dateStamp && $0.region == region && $0.service == service && $0.secret == secret })?.key
        }
        if let cached { return cached }
        let key = Self.derive(secret: secret, dateStamp: dateStamp, region: region, service: service)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeFirst() }
            entries.append(Entry(secret: secret, dateStamp: dateStamp, region: region, service: service, key: key))
        }
        return key
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    static func derive(secret: String, dateStamp: ArraySlice<UInt8>, region: String, service: String) -> HMACKey {
        let dateKey = HMACKey(Array(("AWS4" + secret).utf8)).authenticate(Array(dateStamp))
        let regionKey = HMACKey(dateKey).authenticate(Array(region.utf8))
        let serviceKey = HMACKey(regionKey).authenticate(Array(service.utf8))
        return HMACKey(HMACKey(serviceKey).authenticate(Array("aws4_request".utf8)))
    }
}
