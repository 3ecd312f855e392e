/// A configuration value CandleLake cannot run with. The message names the key and where it
/// came from (`Config/candlelake.conf:12`, `environment`, `--port`), so start-up fails with
/// one line that says what to fix.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending key (`SERVER_PORT`), or nil for a syntax error.
    public let key: String?
    /// Where the value came from.
    public let source: String
    /// What is wrong.
    public let reason: String

    /// An error about `key` from `source`.
    public init(key: String?, source: String, _ reason: String) {
        self.key = key
        self.source = source
        self.reason = reason
    }

    public var description: String {
        if let key { return "\(key) (\(source)): \(reason)" }
        return "\(source): \(reason)"
    }
}
