/// Deterministic OHLCV bars for the benchmark's large response.
struct BenchBar: Sendable {
    var time: Int
    var open: Double
    var high: Double
    var low: Double
    var close: Double
    var volume: Int
    var vwap: Double
    var trades: Int
}

enum BarsFixture {
    /// `count` bars from a linear congruential walk with a fixed seed, the same walk as
    /// bench/uvicorn_app.py.
    static func make(count: Int) -> [BenchBar] {
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        var bars: [BenchBar] = []
        bars.reserveCapacity(count)
        var price = 100.0
        for index in 0..<count {
            let open = price
            let close = open * (1 + (next() - 0.5) * 0.01)
            let high = max(open, close) * (1 + next() * 0.002)
            let low = min(open, close) * (1 - next() * 0.002)
            let volume = Int(next() * 100_000)
            price = close
            bars.append(BenchBar(time: 1_700_000_000_000 + index * 60_000, open: open, high: high, low: low, close: close,
                                 volume: volume, vwap: (open + close) / 2, trades: volume / 37))
        }
        return bars
    }

    /// `{"symbol":"BENCH","timeframe":"1m","bars":[{"time":…,"open":…,…},…]}` with prices to
    /// four decimals, written straight into bytes (what a real handler does per request).
    static func json(_ bars: [BenchBar]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bars.count * 160 + 64)
        out.append(contentsOf: #"{"symbol":"BENCH","timeframe":"1m","bars":["#.utf8)
        for (index, bar) in bars.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"time":"#.utf8); appendInteger(bar.time, to: &out)
            out.append(contentsOf: #","open":"#.utf8); appendPrice(bar.open, to: &out)
            out.append(contentsOf: #","high":"#.utf8); appendPrice(bar.high, to: &out)
            out.append(contentsOf: #","low":"#.utf8); appendPrice(bar.low, to: &out)
            out.append(contentsOf: #","close":"#.utf8); appendPrice(bar.close, to: &out)
            out.append(contentsOf: #","volume":"#.utf8); appendInteger(bar.volume, to: &out)
            out.append(contentsOf: #","vwap":"#.utf8); appendPrice(bar.vwap, to: &out)
            out.append(contentsOf: #","trades":"#.utf8); appendInteger(bar.trades, to: &out)
            out.append(contentsOf: #","closed":true}"#.utf8)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    private static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var remaining = value, position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(remaining % 10) + 0x30
                remaining /= 10
            } while remaining > 0
            out.append(contentsOf: raw[position...])
        }
    }

    private static func appendPrice(_ value: Double, to out: inout [UInt8]) {
        let scaled = Int((value * 10_000).rounded())
        appendInteger(scaled / 10_000, to: &out)
        out.append(UInt8(ascii: "."))
        let fraction = scaled % 10_000
        out.append(UInt8(fraction / 1000) + 0x30)
        out.append(UInt8(fraction / 100 % 10) + 0x30)
        out.append(UInt8(fraction / 10 % 10) + 0x30)
        out.append(UInt8(fraction % 10) + 0x30)
    }
}
