import LakeCore

/// EC2 instance-role credentials through IMDSv2: a session token from
/// `PUT /latest/api/token`, the role name from `…/security-credentials/`, then the role's
/// credentials document.
public struct InstanceMetadataCredentialsProvider: AWSCredentialsProvider {
    /// The link-local instance metadata endpoint.
    public static let defaultEndpoint = "http://169.254.169.254"

    private let endpoint: String
    private let transport: CurlTransport

    /// - Parameter endpoint: the metadata service (`AWS_EC2_METADATA_SERVICE_ENDPOINT`;
    ///   tests use a loopback server).
    public init(endpoint: String = Self.defaultEndpoint, transport: CurlTransport = .shared) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.transport = transport
    }

    public func credentials() async throws -> AWSCredentials {
        let source = "instance metadata"
        let tokenBytes = try await RemoteCredentialsDocument.fetch(
            endpoint + "/latest/api/token", method: "PUT", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")],
            transport: transport, source: source)
        let tokenHeader = [(name: "X-aws-ec2-metadata-token", value: String(String(decoding: tokenBytes, as: UTF8.self).trimmingASCIIWhitespace))]
        let base = endpoint + "/latest/meta-data/iam/security-credentials/"
        let roles = try await RemoteCredentialsDocument.fetch(base, headers: tokenHeader, transport: transport, source: source)
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw AWSCredentialsError("\(source): the instance has no IAM role")
        }
        let document = try await RemoteCredentialsDocument.fetch(base + URIEncoding.encodeComponent(role), headers: tokenHeader,
                                                                 transport: transport, source: source)
        return try RemoteCredentialsDocument.parse(document, source: source)
    }
}
