import Foundation

/// AWS Signature Version 4, as pure functions of the request, the credentials and a date.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "eu-west-1")
/// let signed = signer.signHeaders(SigV4Request(method: "GET", host: "b.s3.eu-west-1.amazonaws.com", path: "/k"),
///                                 payload: .empty, date: SigningDate(Date()))
/// // add signed.headers to the HTTP request
/// ```
public struct SigV4Signer: Sendable {
    /// The algorithm name in every string to sign.
    static let algorithm = "AWS4-HMAC-SHA256"

    /// The key pair (and token) that signs.
    public let credentials: AWSCredentials
    /// The region in the credential scope (`us-east-1`).
    public let region: String
    /// The service in the credential scope (`s3`).
    public let service: String
    /// S3 or generic rules.
    public let options: SigV4Options
    private let keyCache: SigningKeyCache

    /// A signer for one credential, region and service.
    public init(credentials: AWSCredentials, region: String, service: String = "s3",
                options: SigV4Options = .s3, keyCache: SigningKeyCache = .shared) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
        self.keyCache = keyCache
    }

    /// Signs with an `Authorization` header. The result lists the headers to add.
    public func signHeaders(_ request: SigV4Request, payload: SigV4Payload, date: SigningDate) -> SigV4HeaderSignature {
        var added: [(name: String, value: String)] = [("X-Amz-Date", date.amzDateString)]
        if options.signsContentHashHeader { added.append(("X-Amz-Content-SHA256", payload.value)) }
        let token = credentials.sessionToken
        if let token, options.signsSessionToken { added.append(("X-Amz-Security-Token", token)) }
        var signed = request.headers
        if !signed.contains(where: { CanonicalRequest.isHost($0.name) }) { signed.append(("Host", request.host)) }
        signed.append(contentsOf: added)
        if let token, !options.signsSessionToken { added.append(("X-Amz-Security-Token", token)) }

        let query = CanonicalRequest.canonicalQuery(request.query.map { CanonicalRequest.encodePair($0.name, $0.value) })
        let canonical = CanonicalRequest(method: request.method, path: request.path, normalizePath: options.normalizePath,
                                         canonicalQuery: query, headers: signed, payload: payload.value)
        let stringToSign = self.stringToSign(canonical.bytes, date: date)
        let signature = sign(stringToSign, date: date)
        var authorization = Array("\(Self.algorithm) Credential=\(credentials.accessKeyID)/".utf8)
        appendScope(date, to: &authorization)
        authorization.append(contentsOf: ", SignedHeaders=".utf8)
        authorization.append(contentsOf: canonical.signedHeaders)
        authorization.append(contentsOf: ", Signature=".utf8)
        authorization.append(contentsOf: signature)
        added.append(("Authorization", String(decoding: authorization, as: UTF8.self)))
        return SigV4HeaderSignature(canonicalRequestBytes: canonical.bytes, stringToSignBytes: stringToSign,
                                    signature: String(decoding: signature, as: UTF8.self), headers: added)
    }

    /// The string to sign for a canonical request.
    func stringToSign(_ canonicalRequest: [UInt8], date: SigningDate) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(160)
        output.append(contentsOf: Self.algorithm.utf8)
        output.append(0x0a)
        output.append(contentsOf: date.amzDate)
        output.append(0x0a)
        appendScope(date, to: &output)
        output.append(0x0a)
        Hex.append(Digest.sha256(canonicalRequest), to: &output)
        return output
    }

    /// The hex signature of `message` (a string to sign, or a base64 POST policy).
    func sign(_ message: [UInt8], date: SigningDate) -> [UInt8] {
        let key = keyCache.key(secret: credentials.secretAccessKey, dateStamp: date.dateStamp, region: region, service: service)
        var hex: [UInt8] = []
        Hex.append(key.authenticate(message), to: &hex)
        return hex
    }

    /// `20150830/us-east-1/s3/aws4_request`.
    func appendScope(_ date: SigningDate, to output: inout [UInt8]) {
        output.append(contentsOf: date.dateStamp)
        output.append(UInt8(ascii: "/"))
        output.append(contentsOf: region.utf8)
        output.append(UInt8(ascii: "/"))
        output.append(contentsOf: service.utf8)
        output.append(contentsOf: "/aws4_request".utf8)
    }
}

/// The outcome of header signing: what to add to the request, and the intermediate
/// texts (for debugging `SignatureDoesNotMatch`).
public struct SigV4HeaderSignature: Sendable {
    // Bytes until someone asks: only debugging and tests read the texts.
    let canonicalRequestBytes: [UInt8]
    let stringToSignBytes: [UInt8]
    /// The canonical request that was hashed.
    public var canonicalRequest: String { String(decoding: canonicalRequestBytes, as: UTF8.self) }
    /// The string that was signed.
    public var stringToSign: String { String(decoding: stringToSignBytes, as: UTF8.self) }
    /// Lower-case hex signature.
    public let signature: String
    /// Headers to add: `X-Amz-Date`, `X-Amz-Content-SHA256` (S3), `X-Amz-Security-Token`
    /// (temporary credentials) and `Authorization`.
    public let headers: [(name: String, value: String)]

    /// The `Authorization` header value.
    public var authorization: String { headers.last { $0.name == "Authorization" }?.value ?? "" }
}
