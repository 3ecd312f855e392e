@testable import LakeServer
import Testing

/// The stream's update rounds keep a fixed one-second beat and skip beats a slow round missed.
@Suite struct FixedBeatTests {
    /// (when each run asks for its next beat, in ms after the start) → the beats, in ms.
    @Test(arguments: [
        ([0, 1_000, 2_000, 3_000], [1_000, 2_000, 3_000, 4_000]),           // runs take no time
        ([300, 1_450, 2_999], [1_000, 2_000, 3_000]),                        // runs shorter than the beat keep it
        ([0, 2_500], [1_000, 3_000]),                                        // an overrun skips beat 2000
        ([0, 7_201_500], [1_000, 7_202_000]),                                // two hours stalled: no catch-up runs
        ([0, 3_000], [1_000, 3_000]),                                        // a beat exactly now is kept
        ([1_001], [2_000]),                                                  // the first run already late
    ] as [([Int], [Int])])
    func beats(asked: [Int], expected: [Int]) {
        let start = ContinuousClock.now
        var beat = FixedBeat(start: start, interval: .seconds(1))
        let beats = asked.map { beat.next(now: start + .milliseconds($0)) }
        #expect(beats == expected.map { start + .milliseconds($0) })
    }
}
