/// Deterministic OHLCV bars for the benchmark's large response.
enum BarsFixture {
    /// `{"symbol":"BENCH","bars":[{"t":…,"o":…,"h":…,"l":…,"c":…,"v":…},…]}`, the same shape
    /// and size as bench/uvicorn_app.py builds (a linear congruential walk from a fixed seed).
    static func json(count: Int) -> [UInt8] {
        var seed: UInt64 = 42
        func next() -> Double {
            seed = (seed &* 6364136223846793005 &+ 1442695040888963407) & 0xFFFF_FFFF_FFFF_FFFF
            return Double(seed >> 11) / Double(1 << 53)
        }
        var text = #"{"symbol":"BENCH","timeframe":"1m","bars":["#
        var price = 100.0
        let start = 1_700_000_000_000
        for index in 0..<count {
            let open = price
            let close = open * (1 + (next() - 0.5) * 0.01)
            let high = max(open, close) * (1 + next() * 0.002)
            let low = min(open, close) * (1 - next() * 0.002)
            let volume = Int(next() * 100_000)
            price = close
            if index > 0 { text += "," }
            text += #"{"time":"\#(start + index * 60_000)","open":\#(format(open)),"high":\#(format(high)),"#
                + #""low":\#(format(low)),"close":\#(format(close)),"volume":\#(volume),"vwap":\#(format((open + close) / 2)),"#
                + #""trades":\#(volume / 37),"closed":true}"#
        }
        return Array((text + "]}").utf8)
    }

    /// Four decimals, like Python's `f"{x:.4f}"`.
    private static func format(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded()
        let whole = Int(scaled) / 10_000, fraction = Int(scaled) % 10_000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
