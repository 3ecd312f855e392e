import Testing
import LakeCore

@Suite struct TimeframeResamplingTests {
    static let utc = [0]
    static let newYork = [-300, -240]
    static let kolkata = [330]

    /// (stored, requested, exchange UTC offsets in minutes, exact?)
    @Test(arguments: [
        ("1m", "5m", utc, true), ("1m", "7m", utc, true), ("1m", "173m", utc, true), ("1m", "1mo", kolkata, true),
        ("5m", "15m", utc, true), ("5m", "7m", utc, false), ("15m", "1h", utc, true), ("1h", "4h", utc, true),
        ("4h", "1h", utc, false), ("7m", "173m", utc, false), ("173m", "1d", utc, false),
        ("1h", "1d", newYork, true), ("4h", "1d", newYork, false), ("1h", "1w", newYork, true),
        ("1h", "1d", kolkata, false), ("30m", "1d", kolkata, true), ("30m", "1mo", kolkata, true),
        ("4h", "1d", utc, true), ("24h", "1d", utc, true), ("24h", "1d", newYork, false),
        ("1d", "1w", newYork, true), ("1d", "1mo", kolkata, true), ("1d", "1d", utc, true),
        ("1w", "1mo", utc, false), ("1w", "1w", utc, true), ("1mo", "1mo", utc, true), ("1mo", "1w", utc, false),
        ("1d", "1h", utc, false), ("1d", "24h", utc, false),
        ("trades", "1m", utc, true), ("trades", "1mo", newYork, true), ("trades", "trades", utc, true),
        ("1m", "trades", utc, false),
    ])
    func resampleRule(_ stored: String, _ requested: String, offsets: [Int], exact: Bool) throws {
        let source = try Timeframe(parsing: stored)
        let target = try Timeframe(parsing: requested)
        #expect(source.canResample(into: target, localOffsetsMinutes: offsets) == exact)
    }
}
