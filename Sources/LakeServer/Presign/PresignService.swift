import Glibc
import LakeHTTP
import LakeStorage

/// Presigned URLs for whichever backend the lake has: S3's own (SigV4 query signing and POST
/// policies with `content-length-range`), or CandleLake-served URLs for the local lake.
public enum PresignService: Sendable {
    /// S3 presigning through the store.
    case s3(S3Store)
    /// HMAC-signed URLs to this server.
    case local(LocalURLSigner)

    /// A URL for `method` on the full key `key`, valid `expires` seconds.
    func url(method: PresignMethod, key: String, expires: Int, maxBytes: Int?) async throws -> String {
        switch self {
        case .s3(let store): return try await store.presignedURL(method: method, key: key, expires: expires)
        case .local(let signer): return signer.url(method: method, key: key, expiresAt: Self.now() + expires, maxBytes: maxBytes)
        }
    }

    /// A POST form for the full key `key`, valid `expires` seconds, limited to `maxBytes`.
    func form(key: String, expires: Int, maxBytes: Int, contentType: String?) async throws -> PresignedForm {
        switch self {
        case .s3(let store):
            let post = try await store.presignedPost(key: key, expires: expires, maxBytes: maxBytes, contentType: contentType)
            return PresignedForm(url: post.url, fields: post.fields)
        case .local(let signer):
            return signer.form(key: key, expiresAt: Self.now() + expires, maxBytes: maxBytes, contentType: contentType)
        }
    }

    /// The current time in epoch seconds.
    static func now() -> Int { Int(WallClock.epochSeconds()) }
}

/// Wall-clock seconds, in one place so that expiry computations agree.
enum WallClock {
    static func epochSeconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}
