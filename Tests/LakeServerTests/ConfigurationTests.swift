import Foundation
import LakeServer
import LakeTestSupport
import Testing

@Suite struct ConfigFileTests {
    @Test(arguments: [
        ("A = 1", [("A", "1", 1)]),
        ("# only a comment\n\nB=two words  \n", [("B", "two words", 3)]),
        ("C = x # trailing comment", [("C", "x", 1)]),
        ("D = a#b", [("D", "a#b", 1)]),
        ("E = \"  keep # this \"", [("E", "  keep # this ", 1)]),
        ("F = \r\nG = 7\r\n", [("F", "", 1), ("G", "7", 2)]),
        ("url = http://h:1/x?y=1", [("url", "http://h:1/x?y=1", 1)]),
    ])
    func parsesSettings(text: String, expected: [(String, String, Int)]) throws {
        let file = try ConfigFile(parsing: text)
        #expect(file.entries.map(\.key) == expected.map(\.0))
        #expect(file.entries.map(\.value) == expected.map(\.1))
        #expect(file.entries.map(\.line) == expected.map(\.2))
    }

    @Test(arguments: [
        ("A = 1\njust words", "config:2: expected KEY = value, found 'just words'"),
        ("1A = x", "config:1: '1A' is not a key (letters, digits and _; starting with a letter)"),
        ("A-B = x", "config:1: 'A-B' is not a key (letters, digits and _; starting with a letter)"),
        ("A = 1\n\nA = 2", "A (config:3): set twice (first on line 1)"),
        ("A = \"open", "A (config:1): unterminated or nested quotes in \"open"),
        ("A = x\"y", "A (config:1): stray '\"' in an unquoted value"),
        (" = 3", "config:1: '' is not a key (letters, digits and _; starting with a letter)"),
    ])
    func refusesBrokenLinesNamingTheLine(text: String, message: String) {
        #expect(throws: ConfigurationError.self) { try ConfigFile(parsing: text) }
        do {
            _ = try ConfigFile(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func shippedDefaultFileParsesAndResolves() throws {
        let path = TestEnvironment.repositoryRoot.appendingPathComponent("Config/candlelake.conf").path
        let file = try #require(try ConfigFile.load(path: path, required: true))
        let configuration = try ServerConfiguration.resolve(file: file, environment: [:])
        #expect(configuration.port == 8200)
        #expect(configuration.bucket == nil)
        #expect(configuration.syncInterval == 300)
        #expect((configuration.compactInterval, configuration.compactMinParts) == (3600, 100))
        #expect(configuration.uploadMaxBytes == 256 << 20)
        #expect(configuration.queryMaxRangeDays == 3660 && configuration.symbolActiveDays == 14)
        #expect(configuration.ingestIdempotencyDays == 30)
        #expect(try ServerConfiguration.resolve(file: file, environment: ["INGEST_IDEMPOTENCY_DAYS": "0"]).ingestIdempotencyDays == nil)
        #expect(configuration.streamHeartbeatSeconds == 30 && configuration.streamMaxConnectionsPerIP == 10)
        #expect(configuration.gzipLevel == 1)
        #expect(configuration.authMode == .off)
    }

    @Test(arguments: [("GZIP_LEVEL", "0"), ("GZIP_LEVEL", "10"), ("STREAM_HEARTBEAT_SECONDS", "0"), ("STREAM_HEARTBEAT_SECONDS", "86401"), ("STREAM_MAX_CONNECTIONS_PER_IP", "0"),
                      ("STREAM_MAX_CONNECTIONS_PER_IP", "ten")])
    func streamSettingsOutOfRangeStopStartUp(key: String, value: String) {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.resolve(environment: [key: value]) }
    }

    @Test func queryRangeLimitComesFromEveryLayerAndZeroLifts() throws {
        let file = try ConfigFile(parsing: "QUERY_MAX_RANGE_DAYS = 30")
        #expect(try ServerConfiguration.resolve(file: file, environment: [:]).queryMaxRangeDays == 30)
        #expect(try ServerConfiguration.resolve(file: file, environment: ["QUERY_MAX_RANGE_DAYS": "7"]).queryMaxRangeDays == 7)
        let flagged = try ServerConfiguration.resolve(file: file, environment: ["QUERY_MAX_RANGE_DAYS": "7"],
                                                      flags: ["QUERY_MAX_RANGE_DAYS": ("0", "--query-max-range-days")])
        #expect(flagged.queryMaxRangeDays == nil)
        #expect(ServerConfiguration.flagKeys.contains { $0 == ("query-max-range-days", "QUERY_MAX_RANGE_DAYS") })
    }

    @Test func missingOptionalFileIsNilButRequiredFileFails() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/candlelake.conf", required: false) == nil)
        #expect(throws: ConfigurationError.self) { try ConfigFile.load(path: "/nonexistent/candlelake.conf", required: true) }
    }
}

@Suite struct ServerConfigurationTests {
    @Test func flagsOverrideEnvironmentWhichOverridesTheFile() throws {
        let file = try ConfigFile(parsing: "SERVER_PORT = 1000\nSERVER_HOST = 10.0.0.1\nDATA_DIR = /f\nSYNC_INTERVAL = 5")
        let configuration = try ServerConfiguration.resolve(
            file: file, environment: ["SERVER_PORT": "2000", "DATA_DIR": "/e", "SERVER_HOST": ""],
            flags: ["SERVER_PORT": ("3000", "--port")])
        #expect(configuration.port == 3000)
        #expect(configuration.dataDirectory == "/e")
        #expect(configuration.host == "10.0.0.1")  // an empty environment value counts as unset
        #expect(configuration.syncInterval == 5)
        #expect(configuration.catalogPath == "/e/catalog.sqlite")
        #expect(configuration.cacheDirectory == "/e/cache")
    }

    @Test func bucketEnablesS3WithFileAndEnvironmentSettings() throws {
        let file = try ConfigFile(parsing: "S3_BUCKET = lake-one\nS3_BASE_PREFIX = /ohlcv/processed/\nAWS_REGION = ap-south-1")
        let configuration = try ServerConfiguration.resolve(file: file, environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566"])
        #expect(configuration.bucket == "lake-one")
        #expect(configuration.basePrefix == "ohlcv/processed")
        let s3 = try #require(configuration.s3)
        #expect(s3.region == "ap-south-1")
        #expect(s3.hasCustomEndpoint)
    }

    @Test(arguments: [
        (["SERVER_PORT": "80000"], "SERVER_PORT (environment): '80000' is not a whole number in 0…65535"),
        (["SERVER_PORT": "http"], "SERVER_PORT (environment): 'http' is not a whole number in 0…65535"),
        (["SERVER_WORKERS": "0"], "SERVER_WORKERS (environment): '0' is not a whole number in 1…1024"),
        (["LOG_LEVEL": "loud"], "LOG_LEVEL (environment): 'loud' is not trace, debug, info, warning, error or critical"),
        (["S3_BUCKET": "Bad_Bucket"], "S3_BUCKET (environment): 'Bad_Bucket' is not an S3 bucket name (3–63 of a-z 0-9 . -)"),
        (["S3_BASE_PREFIX": "a/../b"], "S3_BASE_PREFIX (environment): prefix 'a/../b' has a '..' segment"),
        (["SYNC_INTERVAL": "-1"], "SYNC_INTERVAL (environment): '-1' is not a whole number in 0…604800"),
        (["COMPACT_INTERVAL": "-1"], "COMPACT_INTERVAL (environment): '-1' is not a whole number in 0…604800"),
        (["COMPACT_MIN_PARTS": "1"], "COMPACT_MIN_PARTS (environment): '1' is not a whole number in 2…10000000"),
        (["PRESIGN_MAX_EXPIRES": "9999999"], "PRESIGN_MAX_EXPIRES (environment): '9999999' is not a whole number in 1…604800"),
        (["PRESIGN_DEFAULT_EXPIRES": "7200", "PRESIGN_MAX_EXPIRES": "60"], "PRESIGN_DEFAULT_EXPIRES (environment): 7200 exceeds PRESIGN_MAX_EXPIRES (60)"),
        (["UPLOAD_MAX_BYTES": "0"], "UPLOAD_MAX_BYTES (environment): '0' is not a whole number in 1…4294967296"),
        (["CORS_ORIGINS": "example.com"], "CORS_ORIGINS (environment): 'example.com' is not '*' or comma-separated origins"),
        (["PUBLIC_URL": "ftp://x"], "PUBLIC_URL (environment): 'ftp://x' is not an http(s):// URL without a path"),
        (["PRESIGN_SECRET": "short"], "PRESIGN_SECRET (environment): 'short' is not at least 32 characters"),
        (["QUERY_MAX_RANGE_DAYS": "-5"], "QUERY_MAX_RANGE_DAYS (environment): '-5' is not a whole number in 0…36600"),
        (["SYMBOL_ACTIVE_DAYS": "0"], "SYMBOL_ACTIVE_DAYS (environment): '0' is not a whole number in 1…3660"),
        (["INGEST_IDEMPOTENCY_DAYS": "a month"], "INGEST_IDEMPOTENCY_DAYS (environment): 'a month' is not a whole number in 0…36600"),
        (["EXCHANGE_TIME_ZONES": "KRX"], "EXCHANGE_TIME_ZONES (environment): 'KRX' is not EXCHANGE=Area/City"),
        (["S3_BUCKET": "lake", "AWS_ENDPOINT_URL_S3": "localhost"], "AWS_ENDPOINT_URL_S3 (environment): 'localhost' is not http(s)://host[:port]"),
    ])
    func badValuesFailFastNamingTheKey(environment: [String: String], message: String) {
        do {
            _ = try ServerConfiguration.resolve(environment: environment)
            Issue.record("accepted \(environment)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func errorsFromTheFileNameItsLine() throws {
        let file = try ConfigFile(parsing: "# comment\nSERVER_PORT = 8200\nCACHE_TTL = soon")
        do {
            _ = try ServerConfiguration.resolve(file: file, fileName: "Config/candlelake.conf", environment: [:])
            Issue.record("accepted CACHE_TTL = soon")
        } catch {
            #expect(error.description == "CACHE_TTL (Config/candlelake.conf:3): 'soon' is not a whole number in 1…31536000")
        }
    }

    @Test func exchangeTimeZoneOverridesApply() throws {
        let configuration = try ServerConfiguration.resolve(environment: ["EXCHANGE_TIME_ZONES": "TASE=Asia/Jerusalem, XYZ=UTC"])
        #expect(configuration.exchangeTimeZones.identifier(for: "TASE") == "Asia/Jerusalem")
    }

    @Test(arguments: [("0.0.0.0", 8200, nil, "http://127.0.0.1:8200"), ("::1", 9000, nil, "http://[::1]:9000"),
                      ("0.0.0.0", 1, "https://lake.example.com/", "https://lake.example.com")])
    func publicURLDefaultsToTheBoundAddress(host: String, port: Int, publicURL: String?, expected: String) throws {
        var environment = ["SERVER_HOST": host, "SERVER_PORT": String(port)]
        if let publicURL { environment["PUBLIC_URL"] = publicURL }
        #expect(try ServerConfiguration.resolve(environment: environment).effectivePublicURL == expected)
    }
}
