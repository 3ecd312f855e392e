import Foundation

/// Presigning with the client's current credentials.
extension S3Client {
    /// A URL that performs `method` on `bucket/key` for `expires` seconds (1 s … 7 days).
    public func presignedURL(method: PresignMethod, bucket: String, key: String, expires: Int) async throws -> String {
        try S3Presigner(configuration: configuration).presignedURL(
            method: method, bucket: bucket, key: key, expires: expires,
            credentials: try await credentialsProvider.credentials(), date: SigningDate(Date()))
    }

    /// A browser-form upload for `policy`, valid for `expires` seconds (1 s … 7 days).
    public func presignedPost(_ policy: S3PostPolicy, expires: Int) async throws -> PresignedPost {
        try S3Presigner(configuration: configuration).presignedPost(
            policy, expires: expires, credentials: try await credentialsProvider.credentials(), date: SigningDate(Date()))
    }
}
