import Foundation
import LakeStorage
import LakeTestSupport
import Testing

/// The S3 client against LocalStack with signature validation on: large listings,
/// multipart, checksums, copies, presigned URLs used by curl, presigned POST used by
/// python requests, and URLs that must be refused.
@Suite(.serialized) struct S3LocalStackTests {
    let client = LocalStack.client()
    let bucket = LocalStack.bucket

    @Test func listingOf2500KeysReturnsAllAcrossPages() async throws {
        let prefix = LocalStack.uniquePrefix("list2500")
        let keys = (0..<2500).map { String(format: "\(prefix)key-%05d", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, key) in keys.enumerated() {
                if index >= 32 { try await group.next() }
                group.addTask { try await client.putObject(bucket: bucket, key: key, body: Array(key.utf8)) }
            }
            try await group.waitForAll()
        }
        var pages = 0
        var listed: [String] = []
        for try await page in client.listObjectPages(bucket: bucket, prefix: prefix) {
            pages += 1
            listed += page.objects.map(\.key)
        }
        #expect(pages == 3)
        #expect(listed == keys)
        let failures = try await client.deleteObjects(bucket: bucket, keys: keys)
        #expect(failures.isEmpty)
        #expect(try await client.listObjects(bucket: bucket, prefix: prefix).objects.isEmpty)
    }

    @Test func multipartUploadOf20MiBRoundTrips() async throws {
        let prefix = LocalStack.uniquePrefix("multipart")
        var generator = SystemRandomNumberGenerator()
        let body = (0..<(20 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        let etag = try await client.upload(bucket: bucket, key: prefix + "big.bin", body: body, contentType: "application/octet-stream")
        #expect(etag.hasSuffix("-4"), "20 MiB in 5 MiB parts is a 4-part upload, got ETag \(etag)")
        #expect(try await client.getObject(bucket: bucket, key: prefix + "big.bin") == body)
        let info = try await client.headObject(bucket: bucket, key: prefix + "big.bin")
        #expect(info.size == Int64(body.count))
        #expect(info.contentType == "application/octet-stream")
        let streamed = Collector()
        _ = try await client.getObject(bucket: bucket, key: prefix + "big.bin", range: ByteRange(first: 7 << 20, last: nil)) { streamed.append($0) }
        #expect(streamed.bytes == Array(body[(7 << 20)...]))
        try await LocalStack.clean(client, prefix: prefix)
    }

    @Test func multipartUploadFromFileRoundTrips() async throws {
        let prefix = LocalStack.uniquePrefix("multipart-file")
        let file = try TestEnvironment.temporaryDirectory("upload").appendingPathComponent("twelve.bin")
        let body = (0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try Data(body).write(to: file)
        let etag = try await client.upload(bucket: bucket, key: prefix + "f.bin", fileAt: file.path)
        #expect(etag.hasSuffix("-3"))
        #expect(try await client.getObject(bucket: bucket, key: prefix + "f.bin") == body)
        try await LocalStack.clean(client, prefix: prefix)
    }

    @Test func putWithSHA256ChecksumHeadRangeCopyDelete() async throws {
        let prefix = LocalStack.uniquePrefix("ops")
        let body = Array("0123456789abcdefghij".utf8)
        try await client.putObject(bucket: bucket, key: prefix + "c.txt", body: body, contentType: "text/plain", checksum: .sha256)
        #expect(try await client.headObject(bucket: bucket, key: prefix + "c.txt").etag == Hex.encode(Digest.md5(body)))
        #expect(try await client.getObject(bucket: bucket, key: prefix + "c.txt", range: ByteRange(first: 5, last: 9)) == Array("56789".utf8))
        try await client.copyObject(sourceBucket: bucket, sourceKey: prefix + "c.txt", bucket: bucket, key: prefix + "copy of c+=.txt")
        #expect(try await client.getObject(bucket: bucket, key: prefix + "copy of c+=.txt") == body)
        try await client.deleteObject(bucket: bucket, key: prefix + "c.txt")
        let missing = await #expect(throws: S3Error.self) { try await client.headObject(bucket: bucket, key: prefix + "c.txt") }
        #expect(missing?.kind == .notFound)
        let noKey = await #expect(throws: S3Error.self) { try await client.getObject(bucket: bucket, key: prefix + "c.txt") }
        #expect(noKey?.code == "NoSuchKey")
        let badRange = await #expect(throws: S3Error.self) {
            try await client.getObject(bucket: bucket, key: prefix + "copy of c+=.txt", range: ByteRange(first: 100, last: nil))
        }
        #expect(badRange?.kind == .invalidRange)
        try await LocalStack.clean(client, prefix: prefix)
    }

    @Test func bucketOperations() async throws {
        try await client.createBucket(bucket)  // already exists and is ours: fine
        try await client.headBucket(bucket)
        let missing = await #expect(throws: S3Error.self) { try await client.headBucket("candlelake-no-such-bucket-\(UUID().uuidString.prefix(6).lowercased())") }
        #expect(missing?.kind == .notFound || missing?.kind == .noSuchBucket)
    }

    static func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let result = try ProcessRunner.run("curl", ["-sS", "-w", "\n%{http_code}"] + arguments)
        try #require(result.status == 0, "curl failed: \(result.standardError)")
        let output = result.output
        let split = try #require(output.lastIndex(of: "\n"))
        return (Int(output[output.index(after: split)...]) ?? 0, String(output[..<split]))
    }

    @Test func presignedPutUsedByCurlStoresTheObject() async throws {
        let prefix = LocalStack.uniquePrefix("presign-put")
        let key = prefix + "up loaded+&=.csv"
        let file = try TestEnvironment.temporaryDirectory("presign").appendingPathComponent("body.csv")
        try Data("t,o,h,l,c\n1,2,3,4,5\n".utf8).write(to: file)
        let url = try await client.presignedURL(method: .put, bucket: bucket, key: key, expires: 300)
        let put = try Self.curl(["-X", "PUT", "--data-binary", "@" + file.path, url])
        #expect(put.status == 200, "\(put.body)")
        #expect(try await client.getObject(bucket: bucket, key: key) == Array(try Data(contentsOf: file)))
        let get = try Self.curl([try await client.presignedURL(method: .get, bucket: bucket, key: key, expires: 60)])
        #expect(get.status == 200)
        #expect(get.body == "t,o,h,l,c\n1,2,3,4,5\n")
        let head = try Self.curl(["-I", try await client.presignedURL(method: .head, bucket: bucket, key: key, expires: 60)])
        #expect(head.status == 200)
        let delete = try Self.curl(["-X", "DELETE", try await client.presignedURL(method: .delete, bucket: bucket, key: key, expires: 60)])
        #expect(delete.status == 204)
        await #expect(throws: S3Error.self) { try await client.headObject(bucket: bucket, key: key) }
    }

    @Test func presignedPostUsedByRequestsStoresTheObject() async throws {
        let prefix = LocalStack.uniquePrefix("presign-post")
        let store = S3Store(client: client, bucket: bucket, prefix: prefix)
        let post = try await store.presignedPost(key: "form upload.csv", expires: 300, maxBytes: 64, contentType: "text/csv")
        let fields = try JSONSerialization.data(withJSONObject: Dictionary(post.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
        let script = """
            import json, sys, requests
            fields = json.loads(sys.argv[2])
            ok = requests.post(sys.argv[1], data=fields, files={"file": ("a.csv", b"a,b\\n1,2\\n", "text/csv")})
            big = requests.post(sys.argv[1], data=fields, files={"file": ("b.csv", b"x" * 100, "text/csv")})
            print(ok.status_code, big.status_code)
            """
        let result = try ProcessRunner.python(script, [post.url, String(decoding: fields, as: UTF8.self)])
        try #require(result.status == 0, "\(result.standardError)")
        let statuses = result.output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(statuses.first == 204)
        #expect(statuses.last == 400, "a 100-byte file must break the 64-byte content-length-range")
        #expect(try await store.get("form upload.csv") == Array("a,b\n1,2\n".utf8))
        #expect(try await store.head("form upload.csv").contentType == "text/csv")
        try await LocalStack.clean(client, prefix: prefix)
    }

    @Test func tamperedAndExpiredPresignedURLsAreRefused() async throws {
        let prefix = LocalStack.uniquePrefix("presign-refused")
        try await client.putObject(bucket: bucket, key: prefix + "secret", body: Array("s".utf8))
        let url = try await client.presignedURL(method: .get, bucket: bucket, key: prefix + "secret", expires: 60)
        #expect(try Self.curl([url]).status == 200)
        // One changed character in the signature.
        var tampered = Array(url)
        tampered[tampered.count - 1] = tampered.last == "0" ? "1" : "0"
        #expect(try Self.curl([String(tampered)]).status == 403)
        // One changed character in the key.
        let changedKey = url.replacingOccurrences(of: "/secret?", with: "/secreT?")
        #expect(try Self.curl([changedKey]).status == 403)
        // Signed with the wrong secret (LocalStack verifies presigned signatures only).
        let wrongSecret = S3Client(configuration: LocalStack.configuration(),
                                   credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "test", secretAccessKey: "wrong")))
        let forged = try Self.curl([try await wrongSecret.presignedURL(method: .get, bucket: bucket, key: prefix + "secret", expires: 60)])
        #expect(forged.status == 403)
        #expect(forged.body.contains("SignatureDoesNotMatch"))
        let shortLived = try await client.presignedURL(method: .get, bucket: bucket, key: prefix + "secret", expires: 1)
        try await Task.sleep(for: .seconds(2))
        let expired = try Self.curl([shortLived])
        #expect(expired.status == 403)
        #expect(expired.body.contains("expired"))
        try await LocalStack.clean(client, prefix: prefix)
    }
}
