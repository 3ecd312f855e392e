/// Presigned POST policies (browser form uploads), as boto3's `generate_presigned_post`.
extension SigV4Signer {
    /// Signs `policy` for a form posted to `url`.
    ///
    /// - Parameter expires: seconds until the policy's `expiration`, 1 … 604 800.
    /// - Throws: `SigV4Error.invalidExpiry` outside that range.
    public func presignPost(_ policy: S3PostPolicy, url: String, expires: Int, date: SigningDate) throws -> PresignedPost {
        guard (1...Self.maximumPresignExpiry).contains(expires) else { throw SigV4Error.invalidExpiry(expires) }
        var scope = Array("\(credentials.accessKeyID)/".utf8)
        appendScope(date, to: &scope)
        var signing: [(name: String, value: String)] = [
            ("x-amz-algorithm", Self.algorithm),
            ("x-amz-credential", String(decoding: scope, as: UTF8.self)),
            ("x-amz-date", date.amzDateString),
        ]
        if let token = credentials.sessionToken { signing.append(("x-amz-security-token", token)) }
        let expiration = SigningDate(secondsSinceEpoch: date.secondsSinceEpoch + Int64(expires)).iso8601
        let document = policy.document(expiration: expiration, signingConditions: signing)
        let encodedPolicy = Base64.encode(document)
        let signature = sign(Array(encodedPolicy.utf8), date: date)
        var fields = policy.fields.filter { $0.name != "key" }
        fields.append(("key", policy.key))
        fields.append(contentsOf: signing)
        fields.append(("policy", encodedPolicy))
        fields.append(("x-amz-signature", String(decoding: signature, as: UTF8.self)))
        return PresignedPost(url: url, fields: fields)
    }
}
