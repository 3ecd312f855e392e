import Foundation
import LakeCore

/// Realistic synthetic one-minute bars for demos, tests and benchmarks: a geometric random
/// walk on a 0.01 tick, volume shaped like a trading day (a U: busy open and close, quiet
/// midday), the exchange's session hours, and occasional gaps (missing minutes, missing
/// days). Deterministic for a given seed.
///
/// ```swift
/// var generator = DemoBarGenerator(seed: 42)
/// let days = generator.minuteBars(session: .nyse, startPrice: 180, days: 19_800..<19_830, gaps: true)
/// ```
public struct DemoBarGenerator: Sendable {
    private var random: SplitMix64

    /// A generator whose output depends only on `seed`.
    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// One batch of one-minute bars per UTC day in `days` (days since 1970-01-01) that has any
    /// bar, in order. With `gaps`, about 1 in 100 days is skipped (a holiday or outage) and a
    /// run of 1–30 minutes goes missing about every 500 minutes.
    public mutating func minuteBars(session: TradingSession, startPrice: Double, days: Range<Int64>,
                                    gaps: Bool) -> [(day: Int64, bars: BarBatch)] {
        var zone: TimeZone?
        if case .weekdays(_, _, let identifier) = session { zone = TimeZone(identifier: identifier) }
        var price = startPrice
        var gapLeft = 0
        var result: [(day: Int64, bars: BarBatch)] = []
        for day in days {
            if gaps, random.unit() < 0.01 { continue }
            var bars = BarBatch()
            for hour in 0..<24 {
                let hourStart = (day * 24 + Int64(hour)) * 3_600_000
                for (minute, fraction) in session.sessionFractions(hourStart: hourStart, zone: zone).enumerated() {
                    guard let fraction else { continue }
                    if gaps, gapLeft == 0, random.unit() < 0.002 { gapLeft = 1 + Int(random.unit() * 30) }
                    if gapLeft > 0 { gapLeft -= 1; continue }
                    bars.append(nextBar(time: hourStart + Int64(minute) * 60_000, price: &price, sessionFraction: fraction))
                }
            }
            if !bars.isEmpty { result.append((day, bars)) }
        }
        return result
    }

    /// One bar opening at `price` (updated to the close).
    private mutating func nextBar(time: Int64, price: inout Double, sessionFraction: Double) -> Bar {
        let open = price
        let close = max(0.01, Self.tick(open * exp(random.normal() * 0.0008)))
        let high = (max(open, close) * (1 + abs(random.normal()) * 0.0004) * 100).rounded(.up) / 100
        let low = max(0.01, (min(open, close) * (1 - abs(random.normal()) * 0.0004) * 100).rounded(.down) / 100)
        let shape = 1 + 2 * pow(2 * sessionFraction - 1, 2)
        let volume = (1_000 * shape * exp(random.normal() * 0.5)).rounded()
        let vwap = ((high + low + 2 * close) / 4 * 10_000).rounded() / 10_000
        price = close
        return Bar(time: time, open: open, high: high, low: low, close: close, volume: volume, vwap: vwap,
                   transactions: Int64(max(1, volume / 40)))
    }

    private static func tick(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// A small, fast, well-mixed deterministic random source (SplitMix64).
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300)
        return sqrt(-2 * log(u)) * cos(2 * .pi * unit())
    }
}
