import Foundation
import LakeStorage

/// Chooses the object store the `s3` command talks to.
enum S3CommandStore {
    /// An S3 store for `bucket`, configured from the environment (`S3Configuration`) with
    /// the AWS credentials chain. Missing credentials surface on the first request, with
    /// every source that was tried in the message.
    static func store(bucket: String) throws -> any ObjectStore {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try S3Configuration.fromEnvironment(environment)
        let credentials = AWSCredentialsChain.default(environment: environment)
        return S3Store(client: S3Client(configuration: configuration, credentials: credentials), bucket: bucket)
    }
}
