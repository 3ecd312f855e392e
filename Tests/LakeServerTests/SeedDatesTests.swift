import Foundation
import Testing
@testable import LakeServer

/// Seed 000 marks only `symbol` as required; absent bar dates default like seed 004's history.
@Suite struct SeedDatesTests {
    /// 2026-11-22T16:31:10Z.
    static let now = Date(timeIntervalSince1970: 1_795_365_070)

    @Test(arguments: [
        (nil, nil, "2025-11-23", "2026-11-22"),                                 // today, inclusive, and the 365 days up to it
        ("2026-11-17", nil, "2026-11-17", "2026-11-22"),
        (nil, "2026-11-20", "2025-11-21", "2026-11-20"),                        // 365 days up to the given end
        (nil, "2026-11-20T12:00:00Z", "2025-11-20", "2026-11-20T12:00:00Z"),
        (nil, "soon", "2025-11-22", "soon"),                                    // left for the range check to refuse
        ("2026-11-17", "2026-11-20", "2026-11-17", "2026-11-20"),
    ] as [(String?, String?, String, String)])
    func absentDatesDefaultToTheYearUpToTheEnd(start: String?, end: String?, expectedStart: String, expectedEnd: String) {
        let dates = LakeService.seedDates(start: start, end: end, now: Self.now)
        #expect(dates.start == expectedStart && dates.end == expectedEnd)
    }
}
