import Foundation

/// An access key pair, optionally temporary (session token and expiry).
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// `AKIA…` / `ASIA…`.
    public let accessKeyID: String
    /// The secret half; never printed.
    public let secretAccessKey: String
    /// Present for temporary credentials (STS, ECS, EC2 roles).
    public let sessionToken: String?
    /// When temporary credentials stop working; nil for long-lived keys.
    public let expiration: Date?

    /// Credentials from their parts.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        self.expiration = expiration
    }

    /// Redacts the secret and token so credentials can appear in logs.
    public var description: String {
        "AWSCredentials(accessKeyID: \(accessKeyID), secret: ***, sessionToken: \(sessionToken == nil ? "none" : "***"))"
    }
}
