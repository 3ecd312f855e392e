import Foundation
import Synchronization

/// The AWS SDK credential chain: the first source that has credentials wins, and its
/// answer is cached until five minutes before it expires.
///
/// ```swift
/// let client = S3Client(configuration: configuration, credentials: AWSCredentialsChain.default())
/// ```
public final class AWSCredentialsChain: AWSCredentialsProvider {
    /// Refresh this long before temporary credentials expire.
    public static let refreshMargin: TimeInterval = 300

    private let providers: [any AWSCredentialsProvider]
    private let cached = Mutex<AWSCredentials?>(nil)

    /// A chain over `providers`, tried in order.
    public init(_ providers: [any AWSCredentialsProvider]) {
        precondition(!providers.isEmpty, "a credentials chain needs at least one provider")
        self.providers = providers
    }

    /// The SDK order: environment, shared files (`AWS_PROFILE`), container endpoint (when
    /// configured), then EC2 instance metadata (unless `AWS_EC2_METADATA_DISABLED=true`).
    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 transport: CurlTransport = .shared) -> AWSCredentialsChain {
        var providers: [any AWSCredentialsProvider] = [
            EnvironmentCredentialsProvider(environment: environment),
            ProfileCredentialsProvider(environment: environment),
        ]
        let container = ContainerCredentialsProvider(environment: environment, transport: transport)
        if container.isConfigured { providers.append(container) }
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" {
            providers.append(InstanceMetadataCredentialsProvider(
                endpoint: environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? InstanceMetadataCredentialsProvider.defaultEndpoint,
                transport: transport))
        }
        return AWSCredentialsChain(providers)
    }

    public func credentials() async throws -> AWSCredentials {
        let now = Date()
        if let current = cached.withLock({ $0 }), Self.isFresh(current, at: now) { return current }
        var failures: [String] = []
        for provider in providers {
            do {
                let credentials = try await provider.credentials()
                cached.withLock { $0 = credentials }
                return credentials
            } catch {
                failures.append("\(error)")
            }
        }
        throw AWSCredentialsError("no AWS credentials found: " + failures.joined(separator: "; "))
    }

    private static func isFresh(_ credentials: AWSCredentials, at now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration.timeIntervalSince(now) > refreshMargin
    }
}
