import Testing
@testable import LakeFormats

// Placeholder so the test target exists; replaced by the module's real tests.
@Test func LakeFormatsModuleLinks() {}
