import LakeCore

/// Seed 000's data-quality block (`"validate": true`): what looks wrong in a run of bars.
///
/// - **gaps**: empty buckets between two bars of the same exchange-local day (intraday
///   timeframes only: nights, weekends and holidays are not gaps);
/// - **duplicate times**: two bars with the same start;
/// - **high < low**, and bars whose open or close lies outside `low…high`;
/// - **non-positive prices**: any of open, high, low, close ≤ 0 (or missing);
/// - **volume anomalies**: negative or missing volume, or more than 20× the median volume.
public struct BarValidation: Sendable, Hashable {
    /// Bars examined.
    public var barCount = 0
    /// Empty intraday buckets.
    public var gaps = 0
    /// Start times of the first few gaps (epoch ms), for the client to look at.
    public var gapExamples: [Int64] = []
    /// Bars sharing a start time with the bar before.
    public var duplicateTimes = 0
    /// Bars with high below low.
    public var highBelowLow = 0
    /// Bars whose open or close is outside their high–low range.
    public var openCloseOutsideRange = 0
    /// Bars with a price ≤ 0 or missing.
    public var nonPositivePrices = 0
    /// Bars with a negative, missing or outsized volume.
    public var volumeAnomalies = 0

    /// How many gap examples are kept.
    public static let maximumExamples = 10

    /// Whether nothing was found.
    public var isValid: Bool {
        gaps == 0 && duplicateTimes == 0 && highBelowLow == 0 && openCloseOutsideRange == 0
            && nonPositivePrices == 0 && volumeAnomalies == 0
    }

    /// Examines `bars` (ascending) of `timeframe`; `days` buckets local days for the gap rule.
    public init(bars: BarBatch, bucketEnds: [Int64], timeframe: Timeframe, days: BucketBoundaries?) {
        barCount = bars.count
        let positiveVolumes = bars.volume.filter { $0 > 0 }.sorted()
        let spike = positiveVolumes.isEmpty ? Double.infinity : positiveVolumes[positiveVolumes.count / 2] * 20
        var dayCursor = days?.makeCursor()
        for row in 0..<bars.count {
            let (open, high, low, close) = (bars.open[row], bars.high[row], bars.low[row], bars.close[row])
            if high < low { highBelowLow += 1 }
            if open > high || open < low || close > high || close < low { openCloseOutsideRange += 1 }
            if ![open, high, low, close].allSatisfy({ $0 > 0 }) { nonPositivePrices += 1 }
            let volume = bars.volume[row]
            if !(volume >= 0) || volume > spike { volumeAnomalies += 1 }
            guard row > 0 else { continue }
            if bars.time[row] == bars.time[row - 1] { duplicateTimes += 1; continue }
            guard let width = timeframe.minutes.map({ Int64($0) * 60_000 }), bars.time[row] > bucketEnds[row - 1],
                  let day = dayCursor?.bucket(containing: bars.time[row - 1]), day.contains(bars.time[row]) else { continue }
            let missing = Int((bars.time[row] - bucketEnds[row - 1]) / width)
            if gapExamples.count < Self.maximumExamples { gapExamples.append(bucketEnds[row - 1]) }
            gaps += missing
        }
    }

    /// The block as JSON: `{"valid":…,"bar_count":…,"gaps":…,"gap_starts":[…],…}`.
    public func json() -> [UInt8] {
        var output = Array(#"{"valid":\#(isValid),"bar_count":\#(barCount),"gaps":\#(gaps),"gap_starts":["#.utf8)
        for (index, start) in gapExamples.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\""))
            RFC3339.appendWholeSeconds(milliseconds: start, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        output += Array(#"],"duplicate_times":\#(duplicateTimes),"high_below_low":\#(highBelowLow),"#.utf8)
        output += Array(#""open_close_outside_range":\#(openCloseOutsideRange),"non_positive_prices":\#(nonPositivePrices),"#.utf8)
        output += Array(#""volume_anomalies":\#(volumeAnomalies)}"#.utf8)
        return output
    }
}
