@testable import LakeStorage
import Testing

/// Configuration from the environment, endpoints, addressing and the retry schedule.
@Suite struct S3ConfigurationTests {
    @Test func defaultsWithoutEnvironment() throws {
        let configuration = try S3Configuration.fromEnvironment(["AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(configuration.region == "us-east-1")
        #expect(configuration.endpoint.description == "https://s3.us-east-1.amazonaws.com")
        #expect(!configuration.hasCustomEndpoint)
        #expect(configuration.addressingStyle == .auto)
        #expect(configuration.retry.maxAttempts == 4)
        #expect(configuration.multipartPartSize == 8 << 20)
    }

    @Test func environmentOverrides() throws {
        let configuration = try S3Configuration.fromEnvironment([
            "AWS_ENDPOINT_URL": "http://ignored:1", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566/", "AWS_REGION": "eu-central-1",
            "AWS_DEFAULT_REGION": "ignored", "S3_ADDRESSING_STYLE": "Virtual", "AWS_MAX_ATTEMPTS": "2", "S3_CONNECT_TIMEOUT": "0.5",
            "S3_LOW_SPEED_TIMEOUT": "7", "S3_MULTIPART_THRESHOLD": "1000000", "S3_MULTIPART_PART_SIZE": "6291456",
        ])
        #expect(configuration.endpoint == S3Endpoint("http://127.0.0.1:4566"))
        #expect(configuration.hasCustomEndpoint)
        #expect(configuration.region == "eu-central-1")
        #expect(configuration.addressingStyle == .virtual)
        #expect(configuration.retry.maxAttempts == 2)
        #expect(configuration.connectTimeout == .milliseconds(500))
        #expect(configuration.lowSpeedTimeout == .seconds(7))
        #expect(configuration.multipartThreshold == 1_000_000)
        #expect(configuration.multipartPartSize == 6 << 20)
    }

    @Test(arguments: [("AWS_ENDPOINT_URL_S3", "ftp://x"), ("S3_ADDRESSING_STYLE", "sideways"), ("AWS_MAX_ATTEMPTS", "0"),
                      ("S3_CONNECT_TIMEOUT", "soon"), ("S3_MULTIPART_PART_SIZE", "1024")])
    func invalidValuesNameTheVariable(_ name: String, _ value: String) {
        #expect { try S3Configuration.fromEnvironment([name: value]) } throws: { ($0 as? S3ConfigurationError)?.variable == name }
    }

    @Test(arguments: [
        ("http://127.0.0.1:4566", "http", "127.0.0.1", 4566), ("https://S3.Example.com/", "https", "s3.example.com", nil),
        ("http://[::1]:9000", "http", "[::1]", 9000),
    ] as [(String, String, String, Int?)])
    func endpointsParse(_ text: String, _ scheme: String, _ host: String, _ port: Int?) throws {
        let endpoint = try #require(S3Endpoint(text))
        #expect(endpoint.scheme == scheme)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
    }

    @Test(arguments: ["127.0.0.1:4566", "http://", "http://h:0", "http://h:99999", "http://h/path", "http://u@h"])
    func endpointsRejected(_ text: String) {
        #expect(S3Endpoint(text) == nil)
    }

    @Test(arguments: [
        ("https://s3.eu-west-1.amazonaws.com", S3AddressingStyle.auto, "lake", "lake.s3.eu-west-1.amazonaws.com", "/k"),
        ("https://s3.eu-west-1.amazonaws.com", .auto, "my.lake", "s3.eu-west-1.amazonaws.com", "/my.lake/k"),
        ("https://s3.eu-west-1.amazonaws.com", .auto, "Upper", "s3.eu-west-1.amazonaws.com", "/Upper/k"),
        ("https://s3.eu-west-1.amazonaws.com", .path, "lake", "s3.eu-west-1.amazonaws.com", "/lake/k"),
        ("http://127.0.0.1:4566", .auto, "lake", "127.0.0.1:4566", "/lake/k"),
        ("http://minio.local:9000", .virtual, "my.lake", "my.lake.minio.local:9000", "/k"),
    ])
    func addressing(_ endpoint: String, _ style: S3AddressingStyle, _ bucket: String, _ authority: String, _ path: String) {
        let location = S3Location(endpoint: S3Endpoint(endpoint)!, style: style, bucket: bucket, key: "k")
        #expect(location.authority == authority)
        #expect(location.path == path)
    }

    @Test(arguments: [("lake", true), ("my.lake-01", true), ("a-b.c-d", true), ("ab", false), ("-lake", false), ("lake-", false),
                      ("la..ke", false), ("la.-ke", false), ("la-.ke", false), (".lake", false), ("lake.", false), ("Lake", false),
                      ("la_ke", false), (String(repeating: "a", count: 64), false)])
    func bucketHostNames(_ bucket: String, _ valid: Bool) {
        #expect(S3Location.isHostName(bucket) == valid)
    }

    @Test func retryDelaysAreJitteredAndCapped() {
        let policy = S3RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maximumDelay: .seconds(1))
        for retry in 1...9 {
            let cap = min(Duration.milliseconds(100) * (1 << (retry - 1)), .seconds(1))
            let delays = (0..<50).map { _ in policy.delay(beforeRetry: retry) }
            #expect(delays.allSatisfy { $0 >= .zero && $0 <= cap })
            #expect(Set(delays).count > 1, "full jitter must vary")
        }
    }

    @Test(arguments: [
        ("2009-10-12T17:50:30.000Z", 1_255_369_830.0), ("2026-01-02T03:04:05Z", 1_767_323_045.0), ("2026-01-02T03:04:05.5+00:00", 1_767_323_045.5),
    ])
    func iso8601Timestamps(_ text: String, _ seconds: Double) {
        #expect(TimestampParser.iso8601(text)?.timeIntervalSince1970 == seconds)
    }

    @Test func rfc1123Timestamps() {
        #expect(TimestampParser.rfc1123("Wed, 12 Oct 2009 17:50:30 GMT")?.timeIntervalSince1970 == 1_255_369_830)
        #expect(TimestampParser.rfc1123("Wed, 12 Foo 2009 17:50:30 GMT") == nil)
        #expect(TimestampParser.iso8601("2009-13-12T17:50:30Z") == nil)
    }
}
