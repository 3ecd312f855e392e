import LakeHTTP
import LakeStorage

/// `GET /object`, `POST /presign/upload` and `POST /presign/download` (seed 001).
extension LakeService {
    func registerObjectRoutes(on router: Router) {
        router.get("/object") { [self] request, _ in try await getObject(request) }
        router.post("/presign/upload") { [self] request, _ in try await presignUpload(request) }
        router.post("/presign/download") { [self] request, _ in try await presignDownload(request) }
    }

    struct PresignedURL: Encodable {
        let url: String
        let fields: [String: String]
        let method: String
        let expiresAt: String
        let expiresIn: Int
        let key: String
        let s3Path: String
        let maxBytes: Int?

        enum CodingKeys: String, CodingKey {
            case url, fields, method, expiresAt = "expires_at", expiresIn = "expires_in", key, s3Path = "s3_path", maxBytes = "max_bytes"
        }
    }

    /// `?path=s3://bucket/prefix/…` (or the local lake's `file://` URL): a presigned GET by
    /// default, the bytes with `stream=true` (Range honoured).
    private func getObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.query
        guard let path = query["path"], !path.isEmpty else { throw JSONBody.invalid("path", "is required (s3://bucket/key)") }
        let key = try readableKey(path: path, field: "path")
        if let stream = query["stream"], ["true", "1", "yes"].contains(stream.lowercased()) {
            return try await ObjectStreamer.response(store: lake.store, key: key, rangeHeader: request.headers["range"])
        }
        return try await presignedGet(key: key, expiresText: query["expires_in"])
    }

    struct DownloadRequest: Decodable {
        let key: String?
        let path: String?
        let expiresIn: Int?

        enum CodingKeys: String, CodingKey { case key, path, expiresIn = "expires_in" }
    }

    private func presignDownload(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(DownloadRequest.self, from: request)
        let key: String
        switch (body.key, body.path) {
        case (let given?, nil): key = try lake.keys.resolve(given, canonical: false).key
        case (nil, let path?): key = try readableKey(path: path, field: "path")
        default: throw JSONBody.invalid("key", "give exactly one of key or path")
        }
        return try await presignedGet(key: key, expiresText: body.expiresIn.map(String.init))
    }

    private func presignedGet(key: String, expiresText: String?) async throws -> HTTPResponse {
        let expires = try expiry(expiresText)
        do {
            _ = try await lake.store.head(key)
        } catch let error as ObjectStoreError where error.isNotFound {
            throw HTTPError(.notFound, code: "OBJECT_NOT_FOUND", message: "no object '\(key)' in the lake")
        }
        let url = try await presign.url(method: .get, key: key, expires: expires, maxBytes: nil)
        return try JSONBody.response(PresignedURL(url: url, fields: [:], method: "GET", expiresAt: Self.expiryTime(expires),
                                                  expiresIn: expires, key: key, s3Path: lake.location.url(forKey: key), maxBytes: nil))
    }

    struct UploadRequest: Decodable {
        let key: String
        let expiresIn: Int?
        let contentType: String?
        let maxBytes: Int?
        let method: String?

        enum CodingKeys: String, CodingKey {
            case key, expiresIn = "expires_in", contentType = "content_type", maxBytes = "max_bytes", method
        }
    }

    /// `{key, expires_in, content_type?, max_bytes?, method?}` → `{url, fields, method,
    /// expires_at}`: a POST form by default (S3's policy enforces `content-length-range`), or
    /// a presigned PUT URL with `"method": "PUT"`.
    private func presignUpload(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(UploadRequest.self, from: request)
        let key = try lake.keys.resolve(body.key).key
        let expires = try expiry(body.expiresIn.map(String.init))
        let maxBytes = body.maxBytes ?? configuration.uploadMaxBytes
        guard (1...configuration.uploadMaxBytes).contains(maxBytes) else {
            throw JSONBody.invalid("max_bytes", "must be between 1 and \(configuration.uploadMaxBytes)")
        }
        if let contentType = body.contentType {
            guard (1...255).contains(contentType.utf8.count), contentType.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw JSONBody.invalid("content_type", "must be 1–255 printable ASCII characters")
            }
        }
        let s3Path = lake.location.url(forKey: key)
        switch (body.method ?? "POST").uppercased() {
        case "POST":
            let form = try await presign.form(key: key, expires: expires, maxBytes: maxBytes, contentType: body.contentType)
            let fields = Dictionary(form.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            return try JSONBody.response(PresignedURL(url: form.url, fields: fields, method: "POST", expiresAt: Self.expiryTime(expires),
                                                      expiresIn: expires, key: key, s3Path: s3Path, maxBytes: maxBytes))
        case "PUT":
            let url = try await presign.url(method: .put, key: key, expires: expires, maxBytes: maxBytes)
            return try JSONBody.response(PresignedURL(url: url, fields: [:], method: "PUT", expiresAt: Self.expiryTime(expires),
                                                      expiresIn: expires, key: key, s3Path: s3Path, maxBytes: maxBytes))
        default:
            throw JSONBody.invalid("method", "must be POST (a form upload) or PUT")
        }
    }

    /// The key a lake URL names, checked: inside this lake's bucket/directory and base prefix,
    /// in the layout (not canonicalised: the object is read under the name it has).
    func readableKey(path: String, field: String) throws(HTTPError) -> String {
        guard let key = lake.location.key(fromURL: path) else {
            throw JSONBody.invalid(field, "must be inside \(lake.location.root + lake.listingPrefix)")
        }
        return try lake.keys.resolve(key, field: field, canonical: false).key
    }

    /// `expires_in` bounded by `PRESIGN_MAX_EXPIRES`; the configured default when absent.
    private func expiry(_ text: String?) throws(HTTPError) -> Int {
        guard let text else { return configuration.presignDefaultExpires }
        guard let seconds = Int(text), (1...configuration.presignMaxExpires).contains(seconds) else {
            throw JSONBody.invalid("expires_in", "must be a whole number of seconds in 1…\(configuration.presignMaxExpires)")
        }
        return seconds
    }

    static func expiryTime(_ seconds: Int) -> String {
        LakeHTTP.RFC3339.format(seconds: PresignService.now() + seconds)
    }
}
