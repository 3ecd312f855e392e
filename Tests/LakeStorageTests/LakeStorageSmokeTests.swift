import Testing
@testable import LakeStorage

// Placeholder so the test target exists; replaced by the module's real tests.
@Test func LakeStorageModuleLinks() {}
