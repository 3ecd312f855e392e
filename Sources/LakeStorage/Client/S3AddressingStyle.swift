/// How the bucket appears in a request URL (`S3_ADDRESSING_STYLE`).
public enum S3AddressingStyle: String, Sendable, CaseIterable {
    /// Virtual-hosted on AWS endpoints unless the bucket name cannot be a DNS label
    /// (dots break TLS wildcard certificates); path-style on custom endpoints.
    case auto
    /// `https://endpoint/BUCKET/KEY`.
    case path
    /// `https://BUCKET.endpoint/KEY` (path style for buckets that cannot be a host name,
    /// or contain dots over TLS).
    case virtual
}
