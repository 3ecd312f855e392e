/// Presigned URLs: the signature travels in the query string (`X-Amz-Signature`).
extension SigV4Signer {
    /// The longest validity SigV4 allows for a presigned URL: 7 days.
    public static let maximumPresignExpiry = 604_800

    /// Presigns `request`: returns the full query string to put after `?`, the operation
    /// parameters first (in the order given), then the `X-Amz-*` parameters in
    /// the order botocore (through aws-c-auth) writes them, then `X-Amz-Signature`.
    ///
    /// - Parameters:
    ///   - expires: seconds of validity, 1 … 604 800.
    ///   - payload: `.unsigned` for S3; the generic AWS rules sign the body hash.
    /// - Throws: `SigV4Error.invalidExpiry` outside that range.
    public func presignQuery(_ request: SigV4Request, expires: Int, payload: SigV4Payload = .unsigned,
                             date: SigningDate) throws -> SigV4QuerySignature {
        guard (1...Self.maximumPresignExpiry).contains(expires) else { throw SigV4Error.invalidExpiry(expires) }
        var headers = request.headers
        if !headers.contains(where: { CanonicalRequest.isHost($0.name) }) { headers.append(("Host", request.host)) }

        var credential = Array(credentials.accessKeyID.utf8)
        credential.append(UInt8(ascii: "/"))
        appendScope(date, to: &credential)
        var pairs = request.query.map { CanonicalRequest.encodePair($0.name, $0.value) }
        pairs.append((Array("X-Amz-Algorithm".utf8), Array(Self.algorithm.utf8)))
        pairs.append((Array("X-Amz-Credential".utf8), Self.encode(credential)))
        pairs.append((Array("X-Amz-Date".utf8), date.amzDate))
        pairs.append((Array("X-Amz-SignedHeaders".utf8), Self.encode(CanonicalRequest.signedHeaderList(headers))))
        pairs.append((Array("X-Amz-Expires".utf8), Array(String(expires).utf8)))
        let signedCount = pairs.count
        if let token = credentials.sessionToken {
            pairs.append(CanonicalRequest.encodePair("X-Amz-Security-Token", token))
        }
        let signedPairs = options.signsSessionToken ? pairs : Array(pairs[..<signedCount])
        let canonicalQuery = CanonicalRequest.canonicalQuery(signedPairs)
        let canonical = CanonicalRequest(method: request.method, path: request.path, normalizePath: options.normalizePath,
                                         canonicalQuery: canonicalQuery, headers: headers, payload: payload.value)
        let stringToSign = self.stringToSign(canonical.bytes, date: date)
        let signature = sign(stringToSign, date: date)

        var query = CanonicalRequest.join(pairs)
        query.append(contentsOf: "&X-Amz-Signature=".utf8)
        query.append(contentsOf: signature)
        return SigV4QuerySignature(canonicalRequestBytes: canonical.bytes, stringToSignBytes: stringToSign,
                                   signature: String(decoding: signature, as: UTF8.self),
                                   query: String(decoding: query, as: UTF8.self))
    }

    private static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        URIEncoding.append(bytes: bytes, keepSlash: false, to: &output)
        return output
    }
}

/// The outcome of presigning.
public struct SigV4QuerySignature: Sendable {
    // Kept as bytes: the texts are for debugging, and building them on every presign
    // would cost more than hashing them did.
    let canonicalRequestBytes: [UInt8]
    let stringToSignBytes: [UInt8]
    /// The canonical request that was hashed.
    public var canonicalRequest: String { String(decoding: canonicalRequestBytes, as: UTF8.self) }
    /// The string that was signed.
    public var stringToSign: String { String(decoding: stringToSignBytes, as: UTF8.self) }
    /// Lower-case hex signature.
    public let signature: String
    /// The complete query string (operation parameters, `X-Amz-*`, `X-Amz-Signature`).
    public let query: String
}
