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
    /// four decimals, built per request the way a real handler would: straight into one
    /// array sized for the worst case, through a pointer, with no per-value allocation or
    /// reference counting (member names are static strings, numbers are formatted in place).
    static func json(_ bars: [BenchBar]) -> [UInt8] {
        let capacity = 64 + bars.count * maxBarBytes
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var out = ByteCursor(buffer.baseAddress!)
            out.append(#"{"symbol":"BENCH","timeframe":"1m","bars":["#)
            for index in bars.indices {
                let bar = bars[index]
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(#"{"time":"#); out.append(integer: bar.time)
                out.append(#","open":"#); out.append(price: bar.open)
                out.append(#","high":"#); out.append(price: bar.high)
                out.append(#","low":"#); out.append(price: bar.low)
                out.append(#","close":"#); out.append(price: bar.close)
                out.append(#","volume":"#); out.append(integer: bar.volume)
                out.append(#","vwap":"#); out.append(price: bar.vwap)
                out.append(#","trades":"#); out.append(integer: bar.trades)
                out.append(#","closed":true}"#)
            }
            out.append("]}")
            initialized = out.written(since: buffer.baseAddress!)
            precondition(initialized <= capacity, "bar JSON outgrew its bound")
        }
    }

    /// More bytes than one bar can take: the member names and punctuation (84 bytes with the
    /// separating comma), three integers of at most 20 characters and five prices of at most
    /// 25 (`-`, up to 12 digits below 2^52 / 10^4, a point, four decimals).
    private static let maxBarBytes = 96 + 3 * 20 + 5 * 25
}

/// A write position in memory known to be large enough (the caller sized it for the worst case).
private struct ByteCursor {
    private var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    func written(since start: UnsafeMutablePointer<UInt8>) -> Int { position - start }

    @inline(__always)
    mutating func append(byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    /// Copies a literal's UTF-8 bytes; a `StaticString` lives in the binary, so this is a
    /// plain memory copy with no reference counting.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        position.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        position += text.utf8CodeUnitCount
    }

    /// Decimal digits of `value`: count them first, then fill them in from the end two at a
    /// time from a pair table, which halves the chain of dependent divisions.
    @inline(__always)
    mutating func append(integer value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        let magnitude = UInt64(value.magnitude)
        let digits = ByteCursor.decimalDigitCount(magnitude)
        position += digits
        var end = position
        var remaining = magnitude
        while remaining >= 100 {
            let pair = Int(remaining % 100)
            remaining /= 100
            end -= 2
            end.update(from: ByteCursor.digitPairs.utf8Start + 2 * pair, count: 2)
        }
        if remaining >= 10 {
            end -= 2
            end.update(from: ByteCursor.digitPairs.utf8Start + 2 * Int(remaining), count: 2)
        } else {
            (end - 1).pointee = UInt8(truncatingIfNeeded: remaining) &+ 0x30
        }
    }

    /// `value.rounded()` (half away from zero) as an integer, without the libm call: the
    /// truncation is one instruction, and `value - truncated` is exact for |value| < 2^52.
    @inline(__always)
    static func roundedToInteger(_ value: Double) -> Int {
        precondition(value.magnitude < 0x1p52, "price out of range")
        let truncated = Int(value)
        let fraction = value - Double(truncated)
        return truncated + (fraction >= 0.5 ? 1 : fraction <= -0.5 ? -1 : 0)
    }

    /// How many decimal digits `value` has: estimated from its bit length
    /// (log10(2) ≈ 1233/4096), then corrected with one comparison
    /// (`value | 1` has as many digits as `value` and makes 0 count as one digit).
    @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        let estimate = ((64 - (value | 1).leadingZeroBitCount) &* 1233) >> 12
        return withUnsafeBytes(of: powersOfTen) { powers in
            estimate + ((value | 1) >= powers.load(fromByteOffset: estimate * 8, as: UInt64.self) ? 1 : 0)
        }
    }

    /// 10^0 … 10^19.
    private static let powersOfTen: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                     UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
         10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
         1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
         10_000_000_000_000_000_000)

    /// "00", "01", … "99" back to back (a literal in the binary: no reference counting).
    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `value` rounded to four decimals, always printed with four (`100.0682`).
    @inline(__always)
    mutating func append(price value: Double) {
        let scaled = ByteCursor.roundedToInteger(value * 10_000)
        if scaled < 0 { append(byte: UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        append(integer: Int(magnitude / 10_000))
        append(byte: UInt8(ascii: "."))
        let fraction = Int(magnitude % 10_000)
        position.update(from: ByteCursor.digitPairs.utf8Start + 2 * (fraction / 100), count: 2)
        (position + 2).update(from: ByteCursor.digitPairs.utf8Start + 2 * (fraction % 100), count: 2)
        position += 4
    }
}
