import Foundation

/// Single-object operations: HEAD, GET (whole, range, streamed), PUT, DELETE, COPY.
extension S3Client {
    /// Which checksum a PUT carries so S3 can reject a corrupted body.
    public enum UploadChecksum: Sendable {
        /// `Content-MD5` (works everywhere).
        case md5
        /// `x-amz-checksum-sha256` (stored with the object; S3 returns it on request).
        case sha256
    }

    /// Size, ETag, last-modified and content type of `key`.
    /// - Throws: `S3Error` with kind `.notFound` when the key does not exist.
    public func headObject(bucket: String, key: String) async throws -> ObjectInfo {
        let response = try await send(Operation(method: "HEAD", bucket: bucket, key: key))
        return try objectInfo(key: key, response: response, resource: "\(bucket)/\(key)")
    }

    /// The whole object, or the bytes of `range`.
    public func getObject(bucket: String, key: String, range: ByteRange? = nil) async throws -> [UInt8] {
        try await send(Operation(method: "GET", bucket: bucket, key: key, range: range)).body
    }

    /// Streams the object (or `range`) to `sink` as it arrives, without holding it in
    /// memory. Returns what the response said about the object. A transfer that breaks
    /// after some bytes reached the sink resumes from the next byte, with `If-Match` on
    /// the ETag so that a changed object fails (`.preconditionFailed`) instead of mixing.
    public func getObject(bucket: String, key: String, range: ByteRange? = nil, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        var operation = Operation(method: "GET", bucket: bucket, key: key, range: range)
        operation.sink = sink
        let response = try await send(operation)
        return try objectInfo(key: key, response: response, resource: operation.resource)
    }

    /// Stores `body` under `key` in one request; returns the ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: [UInt8], contentType: String? = nil,
                          checksum: UploadChecksum = .md5) async throws -> String {
        var headers: [(name: String, value: String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        switch checksum {
        case .md5: headers.append(("Content-MD5", Base64.encode(Digest.md5(body))))
        case .sha256: headers.append(("x-amz-checksum-sha256", Base64.encode(Digest.sha256(body))))
        }
        let response = try await send(Operation(method: "PUT", bucket: bucket, key: key, headers: headers, body: body))
        return Self.unquoted(response.header("etag") ?? "")
    }

    /// Deletes `key` (succeeds when it does not exist, as S3 does).
    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await send(Operation(method: "DELETE", bucket: bucket, key: key))
    }

    /// Server-side copy of `sourceBucket/sourceKey` to `bucket/key` (up to 5 GiB); returns the new ETag.
    @discardableResult
    public func copyObject(sourceBucket: String, sourceKey: String, bucket: String, key: String) async throws -> String {
        let source = "/" + sourceBucket + "/" + URIEncoding.encodePath(sourceKey)
        let operation = Operation(method: "PUT", bucket: bucket, key: key, headers: [("x-amz-copy-source", source)])
        let response = try await send(operation)
        if let error = S3Error(embeddedIn: response, resource: operation.resource) { throw error }
        return Self.unquoted(try document(response, for: operation).value("ETag") ?? "")
    }

    func objectInfo(key: String, response: HTTPResponse, resource: String) throws -> ObjectInfo {
        // A ranged response's Content-Range ("bytes 0-9/1234") carries the object size.
        let totalFromRange = response.header("content-range")?.split(separator: "/").last.flatMap { Int64($0) }
        guard let size = totalFromRange ?? response.header("content-length").flatMap({ Int64($0) }) else {
            throw S3Error(kind: .invalidResponse, status: response.status, message: "response has no Content-Length", resource: resource)
        }
        let modified = response.header("last-modified").flatMap(TimestampParser.rfc1123) ?? Date(timeIntervalSince1970: 0)
        return ObjectInfo(key: key, size: size, etag: Self.unquoted(response.header("etag") ?? ""),
                          lastModified: modified, contentType: response.header("content-type"))
    }

    /// ETags come quoted (`"abc"`); callers compare bare values.
    static func unquoted(_ etag: String) -> String {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
    }
}
