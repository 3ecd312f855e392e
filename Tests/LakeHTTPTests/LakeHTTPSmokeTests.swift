import Testing
@testable import LakeHTTP

// Placeholder so the test target exists; replaced by the module's real tests.
@Test func LakeHTTPModuleLinks() {}
