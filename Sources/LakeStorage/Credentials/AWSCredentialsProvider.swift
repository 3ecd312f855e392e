/// A source of AWS credentials (environment, files, container or instance metadata).
public protocol AWSCredentialsProvider: Sendable {
    /// Current credentials.
    /// - Throws: `AWSCredentialsError` when this source has none.
    func credentials() async throws -> AWSCredentials
}

/// Fixed credentials, for tests and explicit configuration.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    private let value: AWSCredentials

    /// Always returns `credentials`.
    public init(_ credentials: AWSCredentials) { value = credentials }

    public func credentials() async throws -> AWSCredentials { value }
}

/// Why no credentials could be obtained.
public struct AWSCredentialsError: Error, CustomStringConvertible {
    /// What went wrong, naming the source.
    public let description: String

    init(_ description: String) { self.description = description }
}
