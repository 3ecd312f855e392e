import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LakeStorage
import Testing

/// Failure behaviour against loopback servers: timeouts instead of hangs, retries on
/// 5xx with the body resent intact, no retries on 4xx, typed errors.
@Suite struct S3FaultTests {
    static func client(endpoint: String, attempts: Int = 3, connect: Duration = .seconds(1), stall: Duration = .seconds(1)) -> S3Client {
        let configuration = S3Configuration(endpoint: S3Endpoint(endpoint), region: "us-east-1", addressingStyle: .path,
                                            connectTimeout: connect, lowSpeedTimeout: stall,
                                            retry: S3RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(20)))
        return S3Client(configuration: configuration, credentials: StaticCredentialsProvider(LocalStack.credentials))
    }

    static func errorXML(_ code: String, _ message: String, extra: String = "") -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>\(code)</Code><Message>\(message)</Message>\(extra)<RequestId>req-1</RequestId></Error>".utf8)
    }

    /// A port with nothing listening (bound, then closed).
    static func closedPort() throws -> Int {
        let server = try ScriptedHTTPServer { _, _ in .hang }
        server.stop()
        return server.port
    }

    @Test func closedPortFailsFastWithConnectionError() async throws {
        let client = Self.client(endpoint: "http://127.0.0.1:\(try Self.closedPort())", attempts: 2)
        let start = ContinuousClock.now
        await #expect { try await client.headObject(bucket: "b", key: "k") } throws: { ($0 as? S3Error)?.kind == .connectionFailed }
        // Generous bounds: the machine is shared; the point is "no hang", not speed.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func silentServerTimesOutInsteadOfHanging() async throws {
        let server = try ScriptedHTTPServer { _, _ in .hang }
        defer { server.stop() }
        let client = Self.client(endpoint: server.endpoint, attempts: 2)
        let start = ContinuousClock.now
        await #expect { try await client.getObject(bucket: "b", key: "k") } throws: { ($0 as? S3Error)?.kind == .timeout }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .seconds(1.5), "the stall limit must be what ends each attempt")
        #expect(elapsed < .seconds(15), "two attempts with a 1 s stall limit took \(elapsed)")
        #expect(server.requests.count == 2)
    }

    @Test func serviceUnavailableThenSuccessIsRetriedWithTheSameBody() async throws {
        let server = try ScriptedHTTPServer { _, index in
            index == 0 ? .respond(status: 503, body: Self.errorXML("SlowDown", "Please reduce your request rate."))
                : .respond(status: 200, headers: [("ETag", "\"abc\"")])
        }
        defer { server.stop() }
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let etag = try await Self.client(endpoint: server.endpoint).putObject(bucket: "b", key: "dir/k", body: body)
        #expect(etag == "abc")
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.body == body && $0.method == "PUT" && $0.target == "/b/dir/k" })
        #expect(requests.allSatisfy { $0.headers["content-md5"] == Base64.encode(Digest.md5(body)) })
        // Each attempt is signed on its own.
        #expect(requests.allSatisfy { $0.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=test/") == true })
    }

    @Test func connectionDroppedMidBodyIsRetried() async throws {
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let server = try ScriptedHTTPServer { _, index in
            index == 0 ? .truncate(status: 200, body: body, sent: 4000) : .respond(status: 200, body: body)
        }
        defer { server.stop() }
        #expect(try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") == body)
        #expect(server.requests.count == 2)
    }

    @Test func streamedBodyCutAfterDeliveryIsNotReplayedIntoTheSink() async throws {
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let server = try ScriptedHTTPServer { _, _ in .truncate(status: 200, body: body, sent: 4000) }
        defer { server.stop() }
        let collected = Collector()
        let thrown = await #expect(throws: S3Error.self) {
            try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") { collected.append($0) }
        }
        #expect(thrown?.kind == .connectionFailed)
        #expect(collected.bytes == Array(body.prefix(4000)))
        #expect(server.requests.count == 1)
    }

    @Test func streamedBodyCutAfterDeliveryResumesFromTheNextBytePinnedToTheETag() async throws {
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 13) }
        let server = try ScriptedHTTPServer { request, index in
            switch index {
            case 0: return .truncate(status: 200, headers: [("ETag", "\"v1\"")], body: body, sent: 4000)
            case 1: return .truncate(status: 206, headers: [("ETag", "\"v1\""), ("Content-Range", "bytes 4000-9999/10000")],
                                     body: Array(body[4000...]), sent: 1000)
            default:
                guard request.headers["range"] == "bytes=5000-", request.headers["if-match"] == "\"v1\"" else { return .respond(status: 400) }
                return .respond(status: 206, headers: [("ETag", "\"v1\""), ("Content-Range", "bytes 5000-9999/10000")], body: Array(body[5000...]))
            }
        }
        defer { server.stop() }
        let collected = Collector()
        let info = try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") { collected.append($0) }
        #expect(collected.bytes == body)
        #expect(info.size == 10_000)
        #expect(server.requests.map { $0.headers["range"] } == [nil, "bytes=4000-", "bytes=5000-"])
    }

    @Test func resumedDownloadOfAChangedObjectFails() async throws {
        let body = [UInt8](repeating: 5, count: 10_000)
        let server = try ScriptedHTTPServer { _, index in
            index == 0 ? .truncate(status: 200, headers: [("ETag", "\"v1\"")], body: body, sent: 4000)
                : .respond(status: 412, body: Self.errorXML("PreconditionFailed", "At least one of the pre-conditions you specified did not hold"))
        }
        defer { server.stop() }
        let thrown = await #expect(throws: S3Error.self) {
            try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k", range: ByteRange(first: 100, last: nil)) { _ in }
        }
        #expect(thrown?.kind == .preconditionFailed)
        #expect(server.requests.last?.headers["range"] == "bytes=4100-")
        #expect(server.requests.count == 2)
    }

    @Test func resumeAnsweredWithTheWholeObjectIsRefusedNotDuplicated() async throws {
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let server = try ScriptedHTTPServer { _, index in
            index == 0 ? .truncate(status: 200, headers: [("ETag", "\"v1\"")], body: body, sent: 4000)
                : .respond(status: 200, headers: [("ETag", "\"v1\"")], body: body)
        }
        defer { server.stop() }
        let collected = Collector()
        let thrown = await #expect(throws: S3Error.self) {
            try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") { collected.append($0) }
        }
        #expect(thrown?.kind == .invalidResponse)
        #expect(collected.bytes == Array(body.prefix(4000)))
    }

    @Test func failedPartAbortsTheMultipartUpload() async throws {
        let server = try ScriptedHTTPServer { request, _ in
            if request.target.hasSuffix("?uploads=") {
                return .respond(status: 200, body: Array("<InitiateMultipartUploadResult><UploadId>up-1</UploadId></InitiateMultipartUploadResult>".utf8))
            }
            if request.method == "PUT" { return .respond(status: 400, body: Self.errorXML("InvalidDigest", "bad part")) }
            return .respond(status: 204)
        }
        defer { server.stop() }
        var configuration = Self.client(endpoint: server.endpoint).configuration
        configuration.multipartThreshold = 5 << 20
        let client = S3Client(configuration: configuration, credentials: StaticCredentialsProvider(LocalStack.credentials))
        let thrown = await #expect(throws: S3Error.self) {
            try await client.upload(bucket: "b", key: "k", body: [UInt8](repeating: 1, count: 11 << 20))
        }
        #expect(thrown?.code == "InvalidDigest")
        let requests = server.requests
        #expect(requests.first?.method == "POST")
        #expect(requests.last.map { "\($0.method) \($0.target)" } == "DELETE /b/k?uploadId=up-1")
        #expect(!requests.contains { $0.target.contains("uploadId=up-1") && $0.method == "POST" }, "never completed")
    }

    @Test(arguments: [(500, "InternalError"), (503, "SlowDown"), (429, "SlowDown"), (400, "RequestTimeout")])
    func retryableFailuresAreRetriedUpToMaxAttempts(_ status: Int, _ code: String) async throws {
        let server = try ScriptedHTTPServer { _, _ in .respond(status: status, body: Self.errorXML(code, "try later")) }
        defer { server.stop() }
        await #expect { try await Self.client(endpoint: server.endpoint, attempts: 3).getObject(bucket: "b", key: "k") } throws: { error in
            (error as? S3Error)?.code == code && (error as? S3Error)?.status == status
        }
        #expect(server.requests.count == 3)
    }

    @Test(arguments: [
        (403, "AccessDenied", S3Error.Kind.accessDenied), (404, "NoSuchKey", .notFound), (404, "NoSuchBucket", .noSuchBucket),
        (416, "InvalidRange", .invalidRange), (400, "InvalidArgument", .clientError), (412, "PreconditionFailed", .preconditionFailed),
    ])
    func clientErrorsAreNotRetriedAndAreTyped(_ status: Int, _ code: String, _ kind: S3Error.Kind) async throws {
        let server = try ScriptedHTTPServer { _, _ in .respond(status: status, body: Self.errorXML(code, "nope")) }
        defer { server.stop() }
        let thrown = await #expect(throws: S3Error.self) { try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") }
        #expect(thrown?.kind == kind)
        #expect(thrown?.code == code)
        #expect(thrown?.requestID == "req-1")
        #expect(thrown?.message == "nope")
        #expect(server.requests.count == 1)
    }

    @Test func headNotFoundWithoutBodyIsNotFound() async throws {
        let server = try ScriptedHTTPServer { _, _ in .respond(status: 404) }
        defer { server.stop() }
        let thrown = await #expect(throws: S3Error.self) { try await Self.client(endpoint: server.endpoint).headObject(bucket: "b", key: "k") }
        #expect(thrown?.kind == .notFound)
        #expect(server.requests.count == 1)
    }

    @Test func signatureMismatchCarriesTheServersStringToSign() async throws {
        let server = try ScriptedHTTPServer { _, _ in
            .respond(status: 403, body: Self.errorXML("SignatureDoesNotMatch", "The request signature we calculated does not match",
                                                      extra: "<StringToSign>AWS4-HMAC-SHA256\n20260101T000000Z</StringToSign>"))
        }
        defer { server.stop() }
        let thrown = await #expect(throws: S3Error.self) { try await Self.client(endpoint: server.endpoint).getObject(bucket: "b", key: "k") }
        #expect(thrown?.kind == .signatureDoesNotMatch)
        #expect(thrown?.serverStringToSign == "AWS4-HMAC-SHA256\n20260101T000000Z")
        #expect(server.requests.count == 1)
    }

    @Test func errorInsideA200CompleteMultipartUploadIsThrown() async throws {
        let server = try ScriptedHTTPServer { _, _ in .respond(status: 200, body: Self.errorXML("InvalidPart", "part missing")) }
        defer { server.stop() }
        let thrown = await #expect(throws: S3Error.self) {
            try await Self.client(endpoint: server.endpoint).completeMultipartUpload(
                bucket: "b", key: "k", uploadID: "u", parts: [.init(number: 1, etag: "\"e\"")])
        }
        #expect(thrown?.code == "InvalidPart")
    }

    @Test func cancellingATaskAbortsItsTransfer() async throws {
        let server = try ScriptedHTTPServer { _, _ in .hang }
        defer { server.stop() }
        let client = Self.client(endpoint: server.endpoint, attempts: 1, stall: .seconds(30))
        let task = Task { try await client.getObject(bucket: "b", key: "k") }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let start = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - start < .seconds(10), "the 30 s stall limit must not be what ends it")
    }

    @Test func manyRequestsRunConcurrentlyOnOneTransport() async throws {
        let server = try ScriptedHTTPServer { request, _ in .respond(status: 200, body: Array(request.target.utf8)) }
        defer { server.stop() }
        let client = Self.client(endpoint: server.endpoint)
        let bodies = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<64 { group.addTask { (index, try await client.getObject(bucket: "b", key: "k\(index)")) } }
            return try await group.reduce(into: [Int: [UInt8]]()) { $0[$1.0] = $1.1 }
        }
        #expect((0..<64).allSatisfy { bodies[$0] == Array("/b/k\($0)".utf8) })
    }
}
