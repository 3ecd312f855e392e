import Foundation
import LakeStorage
import Testing

/// Container (ECS) and instance-metadata (IMDSv2) credentials against a loopback server
/// standing in for 169.254.170.2 / 169.254.169.254, and the caching chain.
@Suite struct RemoteCredentialsTests {
    static func document(expiresIn seconds: TimeInterval, id: String = "ASIAREMOTE") -> [UInt8] {
        let expiration = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: seconds))
        return Array("""
            {"Code": "Success", "AccessKeyId": "\(id)", "SecretAccessKey": "remote-secret", "Token": "remote-token", "Expiration": "\(expiration)"}
            """.utf8)
    }

    @Test func containerRelativeURIWithAuthorizationToken() async throws {
        let server = try ScriptedHTTPServer { request, _ in
            request.target == "/v2/credentials/abc" && request.headers["authorization"] == "Bearer xyz"
                ? .respond(status: 200, body: Self.document(expiresIn: 3600)) : .respond(status: 403)
        }
        defer { server.stop() }
        let provider = ContainerCredentialsProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer xyz"],
            relativeBase: server.endpoint)
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "ASIAREMOTE")
        #expect(credentials.sessionToken == "remote-token")
        #expect(abs((credentials.expiration ?? .distantPast).timeIntervalSinceNow - 3600) < 5)
    }

    @Test func containerFullURIAndFailures() async throws {
        let server = try ScriptedHTTPServer { request, _ in
            request.target == "/creds" ? .respond(status: 200, body: Self.document(expiresIn: 60)) : .respond(status: 200, body: Array("not json".utf8))
        }
        defer { server.stop() }
        let good = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/creds"])
        #expect(try await good.credentials().secretAccessKey == "remote-secret")
        let garbage = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/other"])
        await #expect(throws: AWSCredentialsError.self) { try await garbage.credentials() }
        #expect(!ContainerCredentialsProvider(environment: [:]).isConfigured)
        let foreign = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.169.254/creds",
                                                                 "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret"])
        await #expect(throws: AWSCredentialsError.self) { try await foreign.credentials() }
    }

    @Test func instanceMetadataUsesASessionToken() async throws {
        let server = try ScriptedHTTPServer { request, _ in
            switch (request.method, request.target) {
            case ("PUT", "/latest/api/token") where request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600":
                return .respond(status: 200, body: Array("imds-session".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/") where request.headers["x-aws-ec2-metadata-token"] == "imds-session":
                return .respond(status: 200, body: Array("lake-role\n".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/lake-role") where request.headers["x-aws-ec2-metadata-token"] == "imds-session":
                return .respond(status: 200, body: Self.document(expiresIn: 21_600, id: "ASIAIMDS"))
            default:
                return .respond(status: 401)
            }
        }
        defer { server.stop() }
        let credentials = try await InstanceMetadataCredentialsProvider(endpoint: server.endpoint).credentials()
        #expect(credentials.accessKeyID == "ASIAIMDS")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test func instanceMetadataUnreachableFailsQuickly() async throws {
        let closed = try S3FaultTests.closedPort()
        let start = ContinuousClock.now
        await #expect(throws: AWSCredentialsError.self) {
            try await InstanceMetadataCredentialsProvider(endpoint: "http://127.0.0.1:\(closed)").credentials()
        }
        #expect(ContinuousClock.now - start < .seconds(10), "unreachable metadata must fail, not hang")
    }

    @Test func chainCachesUntilNearExpiryThenRefreshes() async throws {
        let expiresIn = ExpiryBox(3600)
        let server = try ScriptedHTTPServer { _, index in .respond(status: 200, body: Self.document(expiresIn: expiresIn.value, id: "ASIA\(index)")) }
        defer { server.stop() }
        let chain = AWSCredentialsChain([
            EnvironmentCredentialsProvider(environment: [:]),
            ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/c"]),
        ])
        #expect(try await chain.credentials().accessKeyID == "ASIA0")
        #expect(try await chain.credentials().accessKeyID == "ASIA0")
        #expect(server.requests.count == 1)
        // Credentials expiring within the refresh margin are fetched again on every use.
        expiresIn.value = 60
        let chainNearExpiry = AWSCredentialsChain([ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/c"])])
        _ = try await chainNearExpiry.credentials()
        _ = try await chainNearExpiry.credentials()
        #expect(server.requests.count == 3)
    }

    @Test func emptyChainReportsEverySource() async throws {
        let chain = AWSCredentialsChain([EnvironmentCredentialsProvider(environment: [:]),
                                         ProfileCredentialsProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent"])])
        let error = await #expect(throws: AWSCredentialsError.self) { try await chain.credentials() }
        #expect(error?.description.contains("environment") == true)
        #expect(error?.description.contains("profile 'default'") == true)
    }
}

/// A mutable number shared with a server closure.
final class ExpiryBox: @unchecked Sendable {
    // Guarded by `lock`: written by the test, read by the server thread.
    private let lock = NSLock()
    private var stored: TimeInterval

    init(_ value: TimeInterval) { stored = value }

    var value: TimeInterval {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
