import Foundation

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialsProvider: AWSCredentialsProvider {
    private let environment: [String: String]

    /// Reads from `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSCredentialsError("environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY not set")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
    }
}

/// The key pair of the selected profile in the shared credentials/config files.
public struct ProfileCredentialsProvider: AWSCredentialsProvider {
    private let environment: [String: String]

    /// Locates the files and profile through `environment` (see `AWSSharedConfiguration`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        let shared = AWSSharedConfiguration(environment: environment)
        guard let credentials = shared.credentials else {
            throw AWSCredentialsError("profile '\(shared.profile)': no aws_access_key_id / aws_secret_access_key in the shared files")
        }
        return credentials
    }
}
