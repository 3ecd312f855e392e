/// A failed S3 call: what kind of failure, and everything S3 said about it.
///
/// ```swift
/// do { _ = try await client.headObject(bucket: "lake", key: "missing") }
/// catch let error as S3Error where error.kind == .notFound { … }
/// ```
public struct S3Error: Error, Sendable, CustomStringConvertible {
    /// The category of failure. A struct around a private enum, so categories can be
    /// added without breaking `switch`-free callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notFound, noSuchBucket, accessDenied, signatureDoesNotMatch, invalidRange, preconditionFailed
            case throttled, requestTimeout, serverError, clientError, timeout, connectionFailed, invalidResponse
        }
        private let base: Base

        /// `NoSuchKey`, `NoSuchUpload`, or a 404 without a body (HEAD).
        public static let notFound = Kind(base: .notFound)
        /// `NoSuchBucket`.
        public static let noSuchBucket = Kind(base: .noSuchBucket)
        /// `AccessDenied`, expired presigned URLs, other 403s.
        public static let accessDenied = Kind(base: .accessDenied)
        /// `SignatureDoesNotMatch`: the request was signed differently from what S3 computed.
        public static let signatureDoesNotMatch = Kind(base: .signatureDoesNotMatch)
        /// `InvalidRange` (416).
        public static let invalidRange = Kind(base: .invalidRange)
        /// `PreconditionFailed` (412).
        public static let preconditionFailed = Kind(base: .preconditionFailed)
        /// `SlowDown` / 429 / 503: retried with backoff.
        public static let throttled = Kind(base: .throttled)
        /// `RequestTimeout`: S3 gave up waiting for the body; retried.
        public static let requestTimeout = Kind(base: .requestTimeout)
        /// Other 5xx: retried.
        public static let serverError = Kind(base: .serverError)
        /// Other 4xx: never retried.
        public static let clientError = Kind(base: .clientError)
        /// No response within the connect or stall timeout; retried.
        public static let timeout = Kind(base: .timeout)
        /// The connection could not be made or broke; retried.
        public static let connectionFailed = Kind(base: .connectionFailed)
        /// A success status with a body that is not what S3 sends.
        public static let invalidResponse = Kind(base: .invalidResponse)

        public var description: String { base.rawValue }

        /// Whether a request failing this way is worth trying again.
        public var isRetryable: Bool {
            [.throttled, .requestTimeout, .serverError, .timeout, .connectionFailed].contains(self)
        }
    }

    /// The category.
    public let kind: Kind
    /// HTTP status, nil when no response arrived.
    public let status: Int?
    /// S3's error code (`NoSuchKey`), when the response had an error body.
    public let code: String?
    /// A human-readable explanation.
    public let message: String
    /// S3's request id (`x-amz-request-id`), for support cases.
    public let requestID: String?
    /// `bucket/key` the call was about.
    public let resource: String?
    /// For `SignatureDoesNotMatch`: the string S3 signed, to compare with ours.
    public let serverStringToSign: String?
    /// For `InvalidRange`: the object's size, when S3 reported it.
    public let actualObjectSize: Int64?

    init(kind: Kind, status: Int? = nil, code: String? = nil, message: String, requestID: String? = nil,
         resource: String? = nil, serverStringToSign: String? = nil, actualObjectSize: Int64? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.resource = resource
        self.serverStringToSign = serverStringToSign
        self.actualObjectSize = actualObjectSize
    }

    /// Whether the failed request is worth trying again.
    public var isRetryable: Bool { kind.isRetryable }

    public var description: String {
        var text = "S3 \(kind)"
        if let status { text += " (HTTP \(status)\(code.map { " \($0)" } ?? ""))" }
        if let resource { text += " for \(resource)" }
        text += ": \(message)"
        if let requestID { text += " [request id \(requestID)]" }
        return text
    }
}
