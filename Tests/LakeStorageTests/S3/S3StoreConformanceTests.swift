import LakeStorage
import Testing

/// The conformance table on an `S3Store` against LocalStack, each case under its own
/// prefix (cleaned up afterwards).
@Suite(.serialized) struct S3StoreConformanceTests {
    @Test(arguments: ObjectStoreConformance.names)
    func conformance(_ name: String) async throws {
        let client = LocalStack.client()
        let prefix = LocalStack.uniquePrefix("conformance")
        let store = S3Store(client: client, bucket: LocalStack.bucket, prefix: prefix)
        let run = try #require(ObjectStoreConformance.cases[name])
        do {
            try await run(store, "")
        } catch {
            try? await LocalStack.clean(client, prefix: prefix)
            throw error
        }
        try await LocalStack.clean(client, prefix: prefix)
    }
}
