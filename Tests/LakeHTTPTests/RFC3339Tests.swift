import LakeHTTP
import Testing

/// LakeHTTP's own RFC 3339 formatter (logs, error bodies, `/health`).
@Suite struct RFC3339Tests {
    @Test(arguments: [
        (0, nil, "1970-01-01T00:00:00Z"), (0, 7, "1970-01-01T00:00:00.007Z"), (951_782_400, nil, "2000-02-29T00:00:00Z"),
        (1_704_067_199, 999, "2023-12-31T23:59:59.999Z"), (1_763_829_070, 120, "2025-11-22T16:31:10.120Z"),
        (253_402_300_799, nil, "9999-12-31T23:59:59Z"), (-1, nil, "1969-12-31T23:59:59Z"),
    ] as [(Int, Int?, String)])
    func formatsUTC(seconds: Int, milliseconds: Int?, expected: String) {
        #expect(RFC3339.format(seconds: seconds, milliseconds: milliseconds) == expected)
    }

    /// `appendNow` writes what `now` returns, after what the array already holds.
    @Test func appendNowAppendsTheCurrentTime() {
        for milliseconds in [false, true] {
            var bytes = Array("at ".utf8)
            let before = RFC3339.now(milliseconds: milliseconds)
            RFC3339.appendNow(milliseconds: milliseconds, to: &bytes)
            let after = RFC3339.now(milliseconds: milliseconds)
            let written = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(Array(bytes[..<3]) == Array("at ".utf8))
            #expect(written.utf8.count == (milliseconds ? 24 : 20))
            #expect(before <= written && written <= after)
        }
    }
}
