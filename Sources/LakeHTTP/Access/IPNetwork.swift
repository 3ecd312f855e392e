/// A CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or a single address (a full-length prefix).
///
/// IPv4 ranges are held over the IPv4-mapped space (`10.0.0.0/8` is `::ffff:10.0.0.0/104`), so
/// they match IPv4 peers however the listener reports them. Parsing is strict: a prefix
/// length past the family's width, host bits set beyond the prefix (`10.0.0.1/8` — a typo
/// more often than not), or anything that is not an address is refused.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the range (host bits zero).
    public let base: IPAddress
    /// Leading bits that every member shares, 0…128 (over the IPv6 form).
    public let prefixLength: Int

    /// Parses `10.0.0.0/8`, `::1`, `2001:db8::/32`; a bare address is a range of one.
    /// - Throws: ``IPNetworkError`` saying what is wrong with `text`.
    public init(parsing text: some StringProtocol) throws(IPNetworkError) {
        let text = String(text)
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { throw IPNetworkError(text, "is not an IPv4 or IPv6 address") }
        let width = address.isIPv4 && !parts[0].contains(":") ? 32 : 128
        var length = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let parsed = Int(parts[1]), parsed <= width, parts[1] == String(parsed) else {
                throw IPNetworkError(text, "has a prefix length that is not a whole number of 0…\(width)")
            }
            length = parsed
        }
        let prefixLength = length + (128 - width)
        let base = IPAddress(bits: address.bits & IPNetwork.mask(prefixLength))
        guard base == address else {
            throw IPNetworkError(text, "has bits set past the /\(length) prefix (did you mean \(base)/\(length)?)")
        }
        self.base = base
        self.prefixLength = prefixLength
    }

    /// Whether `address` is in the range.
    @inlinable public func contains(_ address: IPAddress) -> Bool {
        address.bits & IPNetwork.mask(prefixLength) == base.bits
    }

    /// `10.0.0.0/8`, `2001:db8::/32` (IPv4 ranges in their IPv4 spelling).
    public var description: String {
        base.isIPv4 && prefixLength >= 96 ? "\(base)/\(prefixLength - 96)" : "\(base)/\(prefixLength)"
    }

    /// The leading `length` bits set.
    @usableFromInline static func mask(_ length: Int) -> UInt128 {
        length == 0 ? 0 : UInt128.max << (128 - length)
    }
}

/// Why an address range did not parse: the offending text and what is wrong with it.
public struct IPNetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The item as given.
    public let text: String
    /// What is wrong, e.g. `is not an IPv4 or IPv6 address`.
    public let problem: String

    init(_ text: String, _ problem: String) {
        self.text = text
        self.problem = problem
    }

    public var description: String { "'\(text)' \(problem)" }
}

/// A set of address ranges, e.g. `ALLOWED_IPS` or `TRUSTED_PROXIES`.
public struct IPNetworkList: Sendable, CustomStringConvertible {
    /// The ranges, in the order given.
    public let networks: [IPNetwork]

    /// The list of `networks`.
    public init(_ networks: [IPNetwork]) {
        self.networks = networks
    }

    /// Parses a comma-separated list (`10.0.0.0/8, 192.168.1.7, ::1`). Spaces around items are
    /// allowed; an empty item (`a,,b`, a trailing comma) is refused as the likely typo it is.
    /// - Throws: ``IPNetworkError`` for the first bad item.
    public init(parsing text: String) throws(IPNetworkError) {
        var networks: [IPNetwork] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingSpaces
            guard !trimmed.isEmpty else { throw IPNetworkError(text, "has an empty item") }
            networks.append(try IPNetwork(parsing: trimmed))
        }
        self.networks = networks
    }

    /// Whether some range contains `address`.
    public func contains(_ address: IPAddress) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// The ranges, comma-separated.
    public var description: String { networks.map(\.description).joined(separator: ",") }
}
