import Testing
import LakeCore

@Test func versionIsSemantic() {
    #expect(CandleLakeVersion.current.split(separator: ".").count == 3)
}
