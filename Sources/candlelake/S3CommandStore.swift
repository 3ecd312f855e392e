import Foundation
import LakeHTTP
import LakeServer
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
        let client = S3Client(configuration: configuration, credentials: credentials, diagnostics: Logger(label: "s3").debugSink)
        return S3Store(client: client, bucket: bucket)
    }
}
