import LakeCore

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
    /// bench/uvicorn_app.py, prices rounded to four decimals as it stores them.
    static func make(count: Int) -> [BenchBar] {
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        func rounded(_ price: Double) -> Double { (price * 10_000).rounded() / 10_000 }
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
            bars.append(BenchBar(time: 1_700_000_000_000 + index * 60_000, open: rounded(open), high: rounded(high), low: rounded(low),
                                 close: rounded(close), volume: volume, vwap: rounded((open + close) / 2), trades: volume / 37))
        }
        return bars
    }

    /// `{"symbol":"BENCH","timeframe":"1m","bars":[{"time":…,"open":…,…},…]}`, numbers in
    /// their shortest round-trip form as Python's `json` writes them, built per request the
    /// way the service builds bar responses: straight into one array sized for the worst case,
    /// through a pointer, with LakeCore's ``JSONNumberWriter`` and no per-value allocation or
    /// reference counting (member names are static strings).
    static func json(_ bars: [BenchBar]) -> [UInt8] {
        let capacity = 64 + bars.count * maxBarBytes
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var out = ByteCursor(buffer.baseAddress!)
            out.append(#"{"symbol":"BENCH","timeframe":"1m","bars":["#)
            for index in bars.indices {
                let bar = bars[index]
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(#"{"time":"#); out.append(integer: bar.time)
                out.append(#","open":"#); out.append(number: bar.open)
                out.append(#","high":"#); out.append(number: bar.high)
                out.append(#","low":"#); out.append(number: bar.low)
                out.append(#","close":"#); out.append(number: bar.close)
                out.append(#","volume":"#); out.append(integer: bar.volume)
                out.append(#","vwap":"#); out.append(number: bar.vwap)
                out.append(#","trades":"#); out.append(integer: bar.trades)
                out.append(#","closed":true}"#)
            }
            out.append("]}")
            initialized = out.written(since: buffer.baseAddress!)
            precondition(initialized <= capacity, "bar JSON outgrew its bound")
        }
    }

    /// More bytes than one bar can take: the member names and punctuation (84 bytes with the
    /// separating comma) and eight numbers of at most ``JSONNumberWriter/maxLength`` each.
    private static let maxBarBytes = 96 + 8 * JSONNumberWriter.maxLength
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

    @inline(__always)
    mutating func append(integer value: Int) {
        position += JSONNumberWriter.write(Int64(value), to: position)
    }

    @inline(__always)
    mutating func append(number value: Double) {
        position += JSONNumberWriter.write(value, to: position)
    }
}
