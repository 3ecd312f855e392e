import Testing
@testable import LakeServer

@Suite struct SystemMetricsTests {
    static let status = "Name:\tcandlelake\nState:\tS (sleeping)\nVmRSS:\t   34740 kB\nThreads:\t7\nSigQ:\t0/95617\n"

    @Test(arguments: [
        ("Threads", 7.0 as Double?),
        ("VmRSS", 34740),
        ("Name", nil),      // not a number
        ("VmSwap", nil),    // not present
    ])
    func readsTabSeparatedStatusFields(_ name: String, _ expected: Double?) {
        #expect(SystemMetrics.statusField(name, in: Self.status) == expected)
    }

    @Test func sampleOfThisProcessCountsThreadsAndMemory() {
        let sample = SystemMetrics().sample()
        #expect(sample.threads >= 1)
        #expect(sample.memoryMB > 0)
    }
}
