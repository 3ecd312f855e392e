/// Where S3 requests go: scheme, host and port of an endpoint URL such as
/// `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:4566`.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// Host name or IP literal (IPv6 in brackets).
    public let host: String
    /// Explicit port, nil for the scheme's default.
    public let port: Int?

    /// Parses an endpoint URL; nil unless it is `http(s)://host[:port][/]`.
    public init?(_ url: String) {
        let lower = url.lowercased()
        guard let schemeEnd = lower.range(of: "://") else { return nil }
        let scheme = String(lower[..<schemeEnd.lowerBound])
        guard scheme == "http" || scheme == "https" else { return nil }
        var authority = url[schemeEnd.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("?"), !authority.contains("@") else { return nil }
        var host = authority
        var port: Int? = nil
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(number) else { return nil }
            port = number
            host = authority[..<colon]
        }
        guard !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        isAWS = self.host.hasSuffix(".amazonaws.com") || self.host.hasSuffix(".amazonaws.com.cn")
    }

    /// The regional AWS endpoint, `https://s3.REGION.amazonaws.com`.
    public static func aws(region: String) -> S3Endpoint {
        S3Endpoint("https://s3.\(region).amazonaws.com")!
    }

    /// Whether this is an AWS endpoint (where virtual-hosted addressing is the norm).
    public let isAWS: Bool

    /// `host[:port]`, as the `Host` header carries it.
    public var authority: String { port.map { "\(host):\($0)" } ?? host }

    public var description: String { "\(scheme)://\(authority)" }
}
