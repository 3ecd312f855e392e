import Foundation
import LakeHTTP
import LakeStorage
import Synchronization

/// Presigned URLs for the local-directory lake, served by CandleLake itself, so that pipeline
/// code is the same with or without S3: a `GET`/`PUT` URL is
/// `BASE/lake/objects/KEY?method=PUT&expires=EPOCH&max_bytes=N&signature=HEX`, and a POST
/// form goes to `BASE/lake/form` with the fields `key`, `policy` and `signature`.
///
/// Signatures are HMAC-SHA256 under a secret from configuration (or generated once and kept
/// in `DATA_DIR/presign.secret`), over everything the URL grants; they are compared in
/// constant time and expire like S3's.
public final class LocalURLSigner: Sendable {
    private let key: HMACKey
    private let base: Mutex<String>

    /// A signer with `secret`, producing URLs under `baseURL` (`http://127.0.0.1:8200`).
    public init(secret: [UInt8], baseURL: String) {
        key = HMACKey(secret)
        base = Mutex(baseURL)
    }

    /// The secret from `configured`, else the one in `directory/presign.secret`, created
    /// (32 random bytes, mode 0600) when missing.
    public static func secret(configured: String?, directory: String) throws -> [UInt8] {
        if let configured { return Array(configured.utf8) }
        let path = directory + "/presign.secret"
        if let existing = FileManager.default.contents(atPath: path), existing.count >= 32 { return Array(existing) }
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw ObjectStoreError.io(path: path, operation: "create", errno: errno)
        }
        return bytes
    }

    /// The URL clients reach this server at.
    public var baseURL: String {
        get { base.withLock { $0 } }
        set { base.withLock { $0 = newValue } }
    }

    /// A URL allowing `method` on `key` until `expiresAt` (epoch seconds); a PUT may carry at
    /// most `maxBytes`.
    func url(method: PresignMethod, key: String, expiresAt: Int, maxBytes: Int?) -> String {
        let signature = sign(["url", method.rawValue, key, String(expiresAt), maxBytes.map(String.init) ?? ""])
        var query = "method=\(method.rawValue)&expires=\(expiresAt)"
        if let maxBytes { query += "&max_bytes=\(maxBytes)" }
        return baseURL + "/lake/objects/" + Self.encodePath(key) + "?" + query + "&signature=" + signature
    }

    /// Checks a presigned URL's query for `method` on `key`; returns the byte limit it grants.
    /// - Throws: `HTTPError` 403 when the signature does not match or has expired.
    func verify(method: PresignMethod, key: String, query: QueryParameters, now: Int) throws(HTTPError) -> Int? {
        guard query["method"] == method.rawValue, let expiresText = query["expires"], let expiresAt = Int(expiresText),
              let signature = query["signature"] else {
            throw Self.denied("the URL is not a presigned \(method.rawValue) URL")
        }
        let maxBytes = query["max_bytes"].flatMap(Int.init)
        let expected = sign(["url", method.rawValue, key, expiresText, maxBytes.map(String.init) ?? ""])
        guard Self.constantTimeEqual(expected, signature) else { throw Self.denied("signature does not match") }
        guard now < expiresAt else { throw Self.denied("the URL expired at \(RFC3339.format(seconds: expiresAt))") }
        return maxBytes
    }

    /// A POST form for `key`: the fields a client sends with its `file` field.
    func form(key: String, expiresAt: Int, maxBytes: Int, contentType: String?) -> PresignedForm {
        let policy = FormPolicy(key: key, expires: expiresAt, maxBytes: maxBytes, contentType: contentType)
        let encoded = Data((try? JSONEncoder().encode(policy)) ?? Data()).base64EncodedString()
        var fields: [(name: String, value: String)] = [("key", key)]
        if let contentType { fields.append(("Content-Type", contentType)) }
        fields += [("policy", encoded), ("signature", sign(["form", encoded]))]
        return PresignedForm(url: baseURL + "/lake/form", fields: fields)
    }

    /// The policy of a submitted form, after checking its signature and expiry.
    /// - Throws: `HTTPError` 403.
    func verifyForm(policy encoded: String?, signature: String?, now: Int) throws(HTTPError) -> FormPolicy {
        guard let encoded, let signature else { throw Self.denied("the form has no policy or signature field") }
        guard Self.constantTimeEqual(sign(["form", encoded]), signature) else { throw Self.denied("signature does not match") }
        guard let data = Data(base64Encoded: encoded), let policy = try? JSONDecoder().decode(FormPolicy.self, from: data) else {
            throw Self.denied("the policy does not decode")
        }
        guard now < policy.expires else { throw Self.denied("the form expired at \(RFC3339.format(seconds: policy.expires))") }
        return policy
    }

    private func sign(_ parts: [String]) -> String {
        Hex.encode(key.authenticate(Array(parts.joined(separator: "\n").utf8)))
    }

    /// The 403 of a refused presigned request.
    static func denied(_ reason: String) -> HTTPError {
        HTTPError(.forbidden, code: "SIGNATURE_INVALID", message: reason)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// Percent-encodes each path segment (RFC 3986 unreserved characters stay).
    static func encodePath(_ key: String) -> String {
        key.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? String(segment)
        }.joined(separator: "/")
    }
}

/// What a local POST form allows: one key, until a time, up to a size, with a content type.
struct FormPolicy: Codable, Equatable {
    let key: String
    let expires: Int
    let maxBytes: Int
    let contentType: String?

    enum CodingKeys: String, CodingKey {
        case key, expires, maxBytes = "max_bytes", contentType = "content_type"
    }
}

/// A browser-form upload: where to POST and the fields to send before `file`.
struct PresignedForm: Sendable {
    let url: String
    let fields: [(name: String, value: String)]
}
