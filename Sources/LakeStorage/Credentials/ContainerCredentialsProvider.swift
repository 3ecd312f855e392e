import Foundation
import LakeCore

/// ECS / EKS Pod Identity container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// (appended to `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` (or `…_TOKEN_FILE`) as the `Authorization` header.
public struct ContainerCredentialsProvider: AWSCredentialsProvider {
    /// The link-local host ECS serves credentials from.
    public static let defaultRelativeBase = "http://169.254.170.2"

    private let environment: [String: String]
    private let relativeBase: String
    private let transport: CurlTransport

    /// - Parameter relativeBase: where relative URIs point (tests use a loopback server).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                relativeBase: String = Self.defaultRelativeBase, transport: CurlTransport = .shared) {
        self.environment = environment
        self.relativeBase = relativeBase
        self.transport = transport
    }

    /// Whether the environment configures container credentials at all.
    public var isConfigured: Bool { url != nil }

    private var url: String? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty { return relativeBase + relative }
        if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty { return full }
        return nil
    }

    /// The SDKs send the authorization token only over TLS or to hosts that cannot be
    /// elsewhere: loopback and the ECS / EKS Pod Identity link-local addresses.
    static func isAllowedFullURI(_ url: String) -> Bool {
        // "scheme://authority/path" → "scheme://authority".
        guard let endpoint = S3Endpoint(url.components(separatedBy: "/").prefix(3).joined(separator: "/")) else { return false }
        if endpoint.scheme == "https" { return true }
        let host = endpoint.host
        return host == "localhost" || host.hasPrefix("127.") || host == "[::1]" || host == "169.254.170.2" || host == "169.254.170.23"
            || host == "[fd00:ec2::23]"
    }

    public func credentials() async throws -> AWSCredentials {
        guard let url else { throw AWSCredentialsError("container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set") }
        guard environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]?.isEmpty == false || Self.isAllowedFullURI(url) else {
            throw AWSCredentialsError("container: AWS_CONTAINER_CREDENTIALS_FULL_URI must use https or a loopback / ECS link-local host, got \(url)")
        }
        var headers: [(name: String, value: String)] = []
        if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        } else if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AWSCredentialsError("container: cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
            headers.append(("Authorization", String(String(decoding: data, as: UTF8.self).trimmingASCIIWhitespace)))
        }
        let body = try await RemoteCredentialsDocument.fetch(url, headers: headers, transport: transport, source: "container")
        return try RemoteCredentialsDocument.parse(body, source: "container")
    }
}
