import Testing
import Foundation
import LakeCore
import LakeTestSupport

/// Our buckets against pandas `resample` (the reference DESIGN.md names): the same instants,
/// bucketed by both, must give the same non-empty bucket labels with the same counts.
/// Needs the test venv (`scripts/test.sh`); fails without it.
@Suite struct PandasBucketGoldenTests {
    static let script = """
        import json, sys
        import pandas as pd
        request = json.load(sys.stdin)
        index = pd.to_datetime(request["times"], unit="ms", utc=True)
        rules = {"173m": ("173min", dict(origin="epoch")), "1h": ("60min", dict(origin="epoch")),
                 "1d": ("D", {}), "1w": ("W-MON", dict(closed="left", label="left")), "1mo": ("MS", {})}
        rule, options = rules[request["timeframe"]]
        zone = "UTC" if request["timeframe"].endswith(("m", "h")) else request["zone"]
        counts = pd.Series(1, index=index.tz_convert(zone)).resample(rule, **options).count()
        counts = counts[counts > 0]
        print(json.dumps([[int(label.timestamp() * 1000), int(count)] for label, count in counts.items()]))
        """

    @Test(arguments: ["America/New_York", "Asia/Kolkata", "Europe/London"], ["173m", "1h", "1d", "1w", "1mo"])
    func bucketsMatchPandas(zone: String, timeframe: String) throws {
        // 2024-02-20 to 2024-12-10: both DST changes of New York and London, ten month ends.
        let start: Int64 = 1_708_387_200_000
        let end: Int64 = 1_733_788_800_000
        var generator = SplitMix64(seed: 2024)
        let times = (0..<5_000).map { _ in start + Int64(generator.next() % UInt64(end - start)) }.sorted()

        let boundaries = try ExchangeCalendar(timeZone: #require(TimeZone(identifier: zone)))
            .boundaries(for: Timeframe(parsing: timeframe), covering: start..<end)
        var cursor = boundaries.makeCursor()
        var ours: [[Int64]] = []
        for time in times {
            let bucket = cursor.bucket(containing: time)
            let label = try #require(bucket).lowerBound
            if ours.last?[0] == label { ours[ours.count - 1][1] += 1 } else { ours.append([label, 1]) }
        }

        let request = try JSONSerialization.data(withJSONObject: ["times": times, "zone": zone, "timeframe": timeframe])
        let result = try ProcessRunner.python(Self.script, input: request)
        try #require(result.status == 0, "pandas failed: \(result.standardError)")
        let theirs = try JSONDecoder().decode([[Int64]].self, from: result.standardOutput)
        #expect(ours.count == theirs.count)
        #expect(ours == theirs)
    }
}
