import Foundation
import LakeStorage
import LakeTestSupport

/// Clients for the test LocalStack (signature validation on, credentials test/test).
enum LocalStack {
    static let bucket = TestEnvironment.s3Bucket

    static func configuration(retry: S3RetryPolicy = S3RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(50))) -> S3Configuration {
        S3Configuration(endpoint: S3Endpoint(TestEnvironment.s3Endpoint), region: TestEnvironment.s3Region,
                        addressingStyle: .path, connectTimeout: .seconds(2), lowSpeedTimeout: .seconds(10), retry: retry,
                        multipartThreshold: 8 << 20, multipartPartSize: 5 << 20)
    }

    static let credentials = AWSCredentials(accessKeyID: TestEnvironment.s3AccessKey, secretAccessKey: TestEnvironment.s3SecretKey)

    static func client(_ configuration: S3Configuration = configuration()) -> S3Client {
        S3Client(configuration: configuration, credentials: StaticCredentialsProvider(credentials))
    }

    /// A prefix no other test run uses.
    static func uniquePrefix(_ label: String) -> String {
        "tests/\(label)-\(UUID().uuidString.prefix(8).lowercased())/"
    }

    /// Deletes everything under `prefix` (test cleanup).
    static func clean(_ client: S3Client, prefix: String) async throws {
        let keys = try await client.listObjectPages(bucket: bucket, prefix: prefix).allObjects().map(\.key)
        _ = try await client.deleteObjects(bucket: bucket, keys: keys)
    }
}
