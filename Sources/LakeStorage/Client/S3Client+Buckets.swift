/// Bucket operations.
extension S3Client {
    /// Creates `bucket` in the configured region; an existing bucket you own is fine.
    public func createBucket(_ bucket: String) async throws {
        var body: [UInt8] = []
        if configuration.region != "us-east-1" {
            body = Array(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                          + XMLEscaping.escape(configuration.region) + "</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        do {
            _ = try await send(Operation(method: "PUT", bucket: bucket, body: body))
        } catch let error as S3Error where error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }

    /// Succeeds when `bucket` exists and is accessible.
    /// - Throws: `S3Error` (`.notFound` / `.noSuchBucket`, `.accessDenied`, …).
    public func headBucket(_ bucket: String) async throws {
        _ = try await send(Operation(method: "HEAD", bucket: bucket))
    }
}
