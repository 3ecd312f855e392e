import CLinux
import Glibc
import Testing
@testable import LakeHTTP

/// The malloc thresholds the server sets at start.
@Suite struct MallocThresholdsTests {
    @Test func operatorMallocTunablesWinOverTheServerDefaults() {
        #expect(!MallocThresholds().apply(environment: ["GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=65536"]))
    }

    @Test(arguments: [[:], ["GLIBC_TUNABLES": "glibc.pthread.rseq=0"]])
    func setsTheThresholdsOtherwise(_ environment: [String: String]) {
        #expect(MallocThresholds().apply(environment: environment))
    }

    @Test func aSixteenMegabyteBufferThenComesFromTheHeapNotItsOwnMapping() {
        #expect(MallocThresholds().apply(environment: [:]))
        let mappedBefore = mallinfo2().hblks
        let buffer = malloc(16 << 20)
        defer { free(buffer) }
        #expect(buffer != nil)
        #expect(mallinfo2().hblks == mappedBefore)
    }
}
