/// Multipart upload: the primitive calls.
extension S3Client {
    /// One uploaded part: its number (1…10,000) and ETag.
    public struct UploadedPart: Sendable, Equatable {
        /// 1-based part number.
        public let number: Int
        /// The ETag S3 returned for the part.
        public let etag: String

        /// A part as UploadPart reported it (or as ListParts lists it, when resuming).
        public init(number: Int, etag: String) {
            self.number = number
            self.etag = etag
        }
    }

    /// Starts a multipart upload; returns the upload id.
    public func createMultipartUpload(bucket: String, key: String, contentType: String? = nil) async throws -> String {
        let operation = Operation(method: "POST", bucket: bucket, key: key, query: [("uploads", "")],
                                  headers: contentType.map { [("Content-Type", $0)] } ?? [])
        guard let id = try document(try await send(operation), for: operation).value("UploadId"), !id.isEmpty else {
            throw S3Error(kind: .invalidResponse, message: "CreateMultipartUpload returned no UploadId", resource: operation.resource)
        }
        return id
    }

    /// Uploads part `number` (all parts but the last must be ≥ 5 MiB), with `Content-MD5`.
    public func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: [UInt8]) async throws -> UploadedPart {
        let operation = Operation(method: "PUT", bucket: bucket, key: key,
                                  query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                  headers: [("Content-MD5", Base64.encode(Digest.md5(body)))], body: body)
        let response = try await send(operation)
        guard let etag = response.header("etag") else {
            throw S3Error(kind: .invalidResponse, message: "UploadPart returned no ETag", resource: operation.resource)
        }
        return UploadedPart(number: number, etag: etag)
    }

    /// Assembles the parts (in part-number order) into the object; returns its ETag.
    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadID: String, parts: [UploadedPart]) async throws -> String {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts.sorted(by: { $0.number < $1.number }) {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(XMLEscaping.escape(part.etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let operation = Operation(method: "POST", bucket: bucket, key: key, query: [("uploadId", uploadID)],
                                  headers: [("Content-Type", "application/xml")], body: Array(xml.utf8))
        let response = try await send(operation)
        // S3 may answer 200 and report a failure in the body once assembly finishes.
        if let error = S3Error(embeddedIn: response, resource: operation.resource) { throw error }
        return Self.unquoted(try document(response, for: operation).value("ETag") ?? "")
    }

    /// Abandons an upload and frees its parts.
    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws {
        _ = try await send(Operation(method: "DELETE", bucket: bucket, key: key, query: [("uploadId", uploadID)]))
    }
}
