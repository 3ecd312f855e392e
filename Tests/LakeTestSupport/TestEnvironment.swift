import Foundation

/// Where the test suite finds what lives outside the package: `../shared`, the Python
/// venv with the interop tools, and the LocalStack endpoint.
///
/// Nothing here skips a test. A test that needs Python or LocalStack asks for it and
/// fails when it is missing; `scripts/test.sh` provides both.
public enum TestEnvironment {
    /// The repository root (this file is `Tests/LakeTestSupport/TestEnvironment.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository: seeds and conformance test data.
    public static let sharedDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["CANDLELAKE_SHARED_DIR"] {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A file under `../shared/testdata`.
    public static func testData(_ relativePath: String) -> URL {
        sharedDirectory.appendingPathComponent("testdata").appendingPathComponent(relativePath)
    }

    /// The Python interpreter with pyarrow, DuckDB, polars, boto3, requests and websockets:
    /// `$CANDLELAKE_PYTHON`, else the venv that `scripts/test.sh` makes at `.venv-test`.
    public static let python: String = ProcessInfo.processInfo.environment["CANDLELAKE_PYTHON"]
        ?? repositoryRoot.appendingPathComponent(".venv-test/bin/python").path

    /// The S3 endpoint of the test LocalStack: `$CANDLELAKE_TEST_S3_ENDPOINT`, else port 4566.
    public static let s3Endpoint: String = ProcessInfo.processInfo.environment["CANDLELAKE_TEST_S3_ENDPOINT"]
        ?? "http://127.0.0.1:4566"

    /// The bucket `localstack/` creates for tests.
    public static let s3Bucket = ProcessInfo.processInfo.environment["CANDLELAKE_TEST_S3_BUCKET"] ?? "candlelake-test"

    /// LocalStack's default region and its well-known test credentials.
    public static let s3Region = "us-east-1"
    public static let s3AccessKey = "test"
    public static let s3SecretKey = "test"

    /// A fresh, empty temporary directory, unique per call.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("candlelake-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
