/// Presigned S3 URLs and POST forms for one configuration: pure and synchronous, so it
/// can sign hundreds of thousands of URLs a second.
///
/// ```swift
/// let presigner = S3Presigner(configuration: configuration)
/// let url = try presigner.presignedURL(method: .get, bucket: "lake", key: "a b.parquet", expires: 600,
///                                      credentials: credentials, date: SigningDate(Date()))
/// ```
public struct S3Presigner: Sendable {
    /// Endpoint, region and addressing used for every URL.
    public let configuration: S3Configuration

    /// A presigner for `configuration`.
    public init(configuration: S3Configuration) {
        self.configuration = configuration
    }

    /// A URL that performs `method` on `bucket`/`key` without credentials until
    /// `expires` seconds after `date`.
    /// - Throws: `SigV4Error.invalidExpiry` unless 1 ≤ `expires` ≤ 604 800.
    public func presignedURL(method: PresignMethod, bucket: String, key: String, expires: Int,
                             credentials: AWSCredentials, date: SigningDate,
                             query: [(name: String, value: String)] = []) throws -> String {
        let location = S3Location(endpoint: configuration.endpoint, style: configuration.addressingStyle, bucket: bucket, key: key)
        let signer = SigV4Signer(credentials: credentials, region: configuration.region)
        let request = SigV4Request(method: method.rawValue, host: location.authority, path: location.path, query: query)
        return location.url(query: try signer.presignQuery(request, expires: expires, date: date).query)
    }

    /// A browser-form upload of `policy.key` into `policy.bucket`, valid for `expires`
    /// seconds after `date`.
    /// - Throws: `SigV4Error.invalidExpiry` unless 1 ≤ `expires` ≤ 604 800.
    public func presignedPost(_ policy: S3PostPolicy, expires: Int, credentials: AWSCredentials,
                              date: SigningDate) throws -> PresignedPost {
        let location = S3Location(endpoint: configuration.endpoint, style: configuration.addressingStyle, bucket: policy.bucket, key: nil)
        let signer = SigV4Signer(credentials: credentials, region: configuration.region)
        return try signer.presignPost(policy, url: location.url(), expires: expires, date: date)
    }
}

/// The HTTP methods a presigned URL can carry.
public enum PresignMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case put = "PUT"
    case head = "HEAD"
    case delete = "DELETE"
}
