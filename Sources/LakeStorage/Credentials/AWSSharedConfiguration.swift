import Foundation

/// The selected profile of the shared credentials and config files, located the way the
/// AWS SDKs do: `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`),
/// `AWS_CONFIG_FILE` (default `~/.aws/config`), profile `AWS_PROFILE` (default `default`).
/// A key in the credentials file wins over the same key in the config file.
public struct AWSSharedConfiguration: Sendable {
    /// The profile's merged settings.
    public let settings: [String: String]
    /// The profile that was selected.
    public let profile: String

    /// Loads the files named by `environment`.
    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        let configPath = environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
        profile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let config = AWSProfileFile.load(path: configPath, kind: .config)?.profiles[profile] ?? [:]
        let credentials = AWSProfileFile.load(path: credentialsPath, kind: .credentials)?.profiles[profile] ?? [:]
        settings = config.merging(credentials) { $1 }
    }

    /// Static credentials from the profile, if it has a key pair.
    public var credentials: AWSCredentials? {
        guard let id = settings["aws_access_key_id"], !id.isEmpty,
              let secret = settings["aws_secret_access_key"], !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: settings["aws_session_token"])
    }

    /// The profile's region.
    public var region: String? { settings["region"].flatMap { $0.isEmpty ? nil : $0 } }
}
