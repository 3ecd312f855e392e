/// The parts of an HTTP request that SigV4 signs, before any encoding.
///
/// `path` and the query pairs are given decoded ("/bucket/my key", ("prefix", "a b"));
/// the signer encodes them exactly once, which is what S3 requires.
public struct SigV4Request: Sendable {
    /// `GET`, `PUT`, …
    public var method: String
    /// The `Host` header value, with the port when it is not the scheme's default.
    public var host: String
    /// The decoded path, starting with `/`.
    public var path: String
    /// Decoded query parameters; order does not matter for the signature.
    public var query: [(name: String, value: String)]
    /// Headers to sign besides `host` (which the signer adds from `host` unless present).
    public var headers: [(name: String, value: String)]

    /// A request to sign.
    public init(method: String, host: String, path: String,
                query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = []) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
    }
}

/// What the canonical request says about the body.
public enum SigV4Payload: Sendable, Equatable {
    /// `UNSIGNED-PAYLOAD`: the body is not covered (presigned URLs; S3 over TLS).
    case unsigned
    /// The lower-case hex SHA-256 of the body.
    case sha256(String)

    /// The hash of `body`.
    public static func hashing(_ body: [UInt8]) -> SigV4Payload {
        .sha256(Hex.encode(Digest.sha256(body)))
    }

    /// The hash of an empty body.
    public static let empty = SigV4Payload.sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// The value placed in the canonical request (and `x-amz-content-sha256`).
    public var value: String {
        switch self {
        case .unsigned: "UNSIGNED-PAYLOAD"
        case .sha256(let hex): hex
        }
    }
}

/// Choices that differ between S3 and the generic AWS rules.
public struct SigV4Options: Sendable {
    /// Remove `.`/`..` segments and repeated slashes before encoding. Generic AWS
    /// services do this; S3 must not (a key may contain `//` or `..`).
    public var normalizePath: Bool
    /// Send and sign `x-amz-content-sha256` (S3 requires it on every request).
    public var signsContentHashHeader: Bool
    /// Include the session token in what is signed. Some services (the "sts-header-after"
    /// cases of the AWS suite) want it added only after signing.
    public var signsSessionToken: Bool

    /// Options; the defaults are S3's rules.
    public init(normalizePath: Bool = false, signsContentHashHeader: Bool = true, signsSessionToken: Bool = true) {
        self.normalizePath = normalizePath
        self.signsContentHashHeader = signsContentHashHeader
        self.signsSessionToken = signsSessionToken
    }

    /// S3: never normalise, always send `x-amz-content-sha256`, sign the token.
    public static let s3 = SigV4Options()
}
