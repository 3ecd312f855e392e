import Testing
import Foundation
import LakeCore
import LakeTestSupport

@Test func versionIsSemantic() {
    #expect(CandleLakeVersion.current.split(separator: ".").count == 3)
}

@Test func processRunnerCapturesBothStreams() throws {
    let result = try ProcessRunner.run("sh", ["-c", "cat; echo oops >&2; exit 3"], input: Data("hi".utf8))
    #expect(result.status == 3)
    #expect(result.output == "hi")
    #expect(result.standardError == "oops\n")
}

@Test func sharedTestDataIsBesideTheRepository() {
    #expect(FileManager.default.fileExists(atPath: TestEnvironment.testData("sigv4/SOURCE").path))
}
