/// DeleteObjects: many keys per request.
extension S3Client {
    /// A key that S3 could not delete in a batch.
    public struct DeleteFailure: Sendable, Equatable {
        /// The key.
        public let key: String
        /// S3's error code (`AccessDenied`, …).
        public let code: String
        /// S3's explanation.
        public let message: String
    }

    /// The most keys S3 accepts in one DeleteObjects request.
    public static let deleteBatchSize = 1000

    /// Deletes `keys` in batches of 1,000 (quiet mode, `Content-MD5` as S3 requires) and
    /// returns the keys that failed; an empty array means all are gone.
    public func deleteObjects(bucket: String, keys: [String]) async throws -> [DeleteFailure] {
        var failures: [DeleteFailure] = []
        var start = 0
        while start < keys.count {
            let batch = keys[start..<min(start + Self.deleteBatchSize, keys.count)]
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
            for key in batch { xml += "<Object><Key>\(XMLEscaping.escape(key))</Key></Object>" }
            xml += "</Delete>"
            let body = Array(xml.utf8)
            let operation = Operation(method: "POST", bucket: bucket, query: [("delete", "")],
                                      headers: [("Content-MD5", Base64.encode(Digest.md5(body))), ("Content-Type", "application/xml")],
                                      body: body)
            let root = try document(try await send(operation), for: operation)
            for error in root.children(named: "Error") {
                failures.append(DeleteFailure(key: error.value("Key") ?? "", code: error.value("Code") ?? "", message: error.value("Message") ?? ""))
            }
            start += batch.count
        }
        return failures
    }
}
