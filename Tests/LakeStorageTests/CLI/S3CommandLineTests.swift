import Foundation
import LakeTestSupport
import Testing

/// `candlelake s3 …` as a user runs it: the built executable against LocalStack.
@Suite(.serialized) struct S3CommandLineTests {
    /// The `candlelake` executable beside this test bundle in the build products directory.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("candlelake").path

    static let environment = [
        "AWS_ENDPOINT_URL_S3": TestEnvironment.s3Endpoint, "AWS_REGION": TestEnvironment.s3Region,
        "AWS_ACCESS_KEY_ID": TestEnvironment.s3AccessKey, "AWS_SECRET_ACCESS_KEY": TestEnvironment.s3SecretKey,
    ]

    func candlelake(_ arguments: String...) throws -> ProcessResult {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the candlelake product first")
        return try ProcessRunner.run(Self.executable, arguments, environment: Self.environment)
    }

    @Test func putListGetPresignAndRemoveRoundTrip() throws {
        let prefix = "cli-\(UUID().uuidString.prefix(8))"
        let uri = "s3://\(TestEnvironment.s3Bucket)/\(prefix)/dir/hello world.txt"
        let directory = try TestEnvironment.temporaryDirectory("cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = directory.appendingPathComponent("in.txt")
        try Data("hello lake\n".utf8).write(to: local)

        #expect(try candlelake("s3", "put", local.path, uri).status == 0)
        let listing = try candlelake("s3", "ls", "s3://\(TestEnvironment.s3Bucket)/\(prefix)/")
        #expect(listing.status == 0)
        #expect(listing.output.contains("PRE dir/"))
        let recursive = try candlelake("s3", "ls", "s3://\(TestEnvironment.s3Bucket)/\(prefix)/", "--recursive")
        #expect(recursive.output.contains("\(prefix)/dir/hello world.txt"))
        #expect(try candlelake("s3", "get", uri, "-").output == "hello lake\n")

        let url = try candlelake("s3", "presign", uri, "--expires", "60").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let fetched = try ProcessRunner.run("curl", ["-sf", url])
        #expect(fetched.status == 0)
        #expect(fetched.output == "hello lake\n")

        let post = try candlelake("s3", "presign-post", uri, "--expires", "60", "--max-bytes", "100")
        let form = try JSONSerialization.jsonObject(with: post.standardOutput) as? [String: Any]
        #expect(form?["url"] is String)
        #expect((form?["fields"] as? [String: String])?["key"] == "\(prefix)/dir/hello world.txt")

        #expect(try candlelake("s3", "rm", uri).status == 0)
        let missing = try candlelake("s3", "get", uri, "-")
        #expect(missing.status == 1)
        #expect(!missing.standardError.isEmpty)
    }

    @Test(arguments: [
        ["s3"],                                                   // no action
        ["s3", "frobnicate"],                                     // unknown action
        ["s3", "get", "http://bucket/key", "-"],                  // not an s3:// URI
        ["s3", "presign", "s3://bucket/key", "--method", "PATCH"],
        ["s3", "presign", "s3://bucket/key", "--expires", "0"],
        ["s3", "presign", "s3://bucket/key", "--expires", "604801"],
        ["s3", "ls", "s3://bucket", "--recursve"],                // a typo is not ignored
    ])
    func usageMistakesExitNonZeroWithOneLineReason(_ arguments: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable))
        let result = try ProcessRunner.run(Self.executable, arguments, environment: Self.environment)
        #expect(result.status != 0)
        #expect(result.standardError.hasPrefix("candlelake s3: "))
        #expect(result.output.isEmpty)
    }
}
