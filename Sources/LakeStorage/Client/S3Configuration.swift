import Foundation

/// Everything an `S3Client` needs besides credentials, with documented defaults.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`, then the profile's `endpoint_url` | custom endpoint (LocalStack, MinIO) | `https://s3.REGION.amazonaws.com` |
/// | `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region` | signing region | `us-east-1` |
/// | `S3_ADDRESSING_STYLE`, then the profile's `s3 = addressing_style` | `auto`, `path` or `virtual` | `auto` |
/// | `AWS_MAX_ATTEMPTS` | tries per request, including the first | 4 |
/// | `S3_CONNECT_TIMEOUT` | seconds to establish a connection | 5 |
/// | `S3_LOW_SPEED_TIMEOUT` | seconds below 1 byte/s before a transfer is aborted | 30 |
/// | `S3_MULTIPART_THRESHOLD` | bytes from which `put` uses multipart upload | 16 MiB |
/// | `S3_MULTIPART_PART_SIZE` | bytes per part (≥ 5 MiB) | 8 MiB |
///
/// ```swift
/// let configuration = try S3Configuration.fromEnvironment()
/// let client = S3Client(configuration: configuration, credentials: AWSCredentialsChain.default())
/// ```
public struct S3Configuration: Sendable {
    /// Where requests go.
    public var endpoint: S3Endpoint
    /// Signing region.
    public var region: String
    /// Path or virtual-hosted bucket addressing.
    public var addressingStyle: S3AddressingStyle
    /// Whether `endpoint` was set explicitly (as opposed to the AWS default).
    public var hasCustomEndpoint: Bool
    /// Time allowed to establish a TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// A transfer slower than `lowSpeedLimit` bytes/s for this long is aborted
    /// (catches servers that accept and then never answer). Whole seconds.
    public var lowSpeedTimeout: Duration
    /// Bytes per second below which a transfer counts as stalled.
    public var lowSpeedLimit: Int
    /// Retries with backoff.
    public var retry: S3RetryPolicy
    /// Object size from which `put` switches to multipart upload.
    public var multipartThreshold: Int
    /// Bytes per multipart part (S3's minimum is 5 MiB, except the last part).
    public var multipartPartSize: Int
    /// Parts uploaded at the same time.
    public var multipartConcurrency: Int

    /// A configuration; unspecified values take the documented defaults.
    public init(endpoint: S3Endpoint? = nil, region: String = "us-east-1", addressingStyle: S3AddressingStyle = .auto,
                connectTimeout: Duration = .seconds(5), lowSpeedTimeout: Duration = .seconds(30), lowSpeedLimit: Int = 1,
                retry: S3RetryPolicy = S3RetryPolicy(), multipartThreshold: Int = 16 << 20,
                multipartPartSize: Int = 8 << 20, multipartConcurrency: Int = 4) {
        precondition(multipartPartSize >= 5 << 20, "S3 parts must be at least 5 MiB")
        precondition(multipartThreshold >= 1 && multipartConcurrency >= 1, "multipart settings must be positive")
        self.endpoint = endpoint ?? .aws(region: region)
        self.hasCustomEndpoint = endpoint != nil
        self.region = region
        self.addressingStyle = addressingStyle
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.retry = retry
        self.multipartThreshold = multipartThreshold
        self.multipartPartSize = multipartPartSize
        self.multipartConcurrency = multipartConcurrency
    }

    /// Reads the variables in the table above.
    /// - Throws: `S3ConfigurationError` naming the variable whose value is invalid.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Configuration {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ name: String, minimum: Double) throws -> Double? {
            guard let text = value(name) else { return nil }
            guard let number = Double(text), number >= minimum else {
                throw S3ConfigurationError(variable: name, value: text, expected: "a number ≥ \(minimum)")
            }
            return number
        }
        let profile = AWSSharedConfiguration(environment: environment)
        // Each setting: (where it came from, its text), environment first.
        let endpointSetting = [("AWS_ENDPOINT_URL_S3", value("AWS_ENDPOINT_URL_S3")), ("AWS_ENDPOINT_URL", value("AWS_ENDPOINT_URL")),
                               ("profile '\(profile.profile)' endpoint_url", profile.settings["endpoint_url"])]
            .first { $0.1?.isEmpty == false }
        var endpoint: S3Endpoint? = nil
        if let (source, text) = endpointSetting, let text {
            guard let parsed = S3Endpoint(text) else { throw S3ConfigurationError(variable: source, value: text, expected: "http(s)://host[:port]") }
            endpoint = parsed
        }
        let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? profile.region ?? "us-east-1"
        var configuration = S3Configuration(endpoint: endpoint, region: region)
        let styleSetting = [("S3_ADDRESSING_STYLE", value("S3_ADDRESSING_STYLE")),
                            ("profile '\(profile.profile)' s3.addressing_style", profile.settings["s3.addressing_style"])]
            .first { $0.1?.isEmpty == false }
        if let (source, text) = styleSetting, let text {
            guard let style = S3AddressingStyle(rawValue: text.lowercased()) else {
                throw S3ConfigurationError(variable: source, value: text, expected: "auto, path or virtual")
            }
            configuration.addressingStyle = style
        }
        if let attempts = try number("AWS_MAX_ATTEMPTS", minimum: 1) { configuration.retry.maxAttempts = Int(attempts) }
        if let seconds = try number("S3_CONNECT_TIMEOUT", minimum: 0.001) { configuration.connectTimeout = .milliseconds(Int64(seconds * 1000)) }
        if let seconds = try number("S3_LOW_SPEED_TIMEOUT", minimum: 1) { configuration.lowSpeedTimeout = .seconds(Int64(seconds)) }
        if let bytes = try number("S3_MULTIPART_THRESHOLD", minimum: 1) { configuration.multipartThreshold = Int(bytes) }
        if let bytes = try number("S3_MULTIPART_PART_SIZE", minimum: Double(5 << 20)) { configuration.multipartPartSize = Int(bytes) }
        return configuration
    }
}

/// An environment variable with a value the S3 configuration cannot use.
public struct S3ConfigurationError: Error, CustomStringConvertible {
    /// The variable's name.
    public let variable: String
    /// The rejected value.
    public let value: String
    /// What would have been accepted.
    public let expected: String

    public var description: String { "\(variable)='\(value)' is invalid: expected \(expected)" }
}
