import Foundation
import LakeCore
import LakeTestSupport

/// Deterministic trades for the ingest tests, as JSON bodies and as the bars pandas makes of them.
struct IngestTradeFixture: Sendable {
    /// One trade: epoch ms, price, whole volume (so that seed 003's integer volume compares exactly).
    struct Trade: Sendable {
        let time: Int64
        let price: Double
        let volume: Int
    }

    let trades: [Trade]

    /// `count` trades `step` ms apart from `start`, prices a random walk with two decimals.
    init(count: Int, start: Int64, step: Int64, seed: UInt64 = 3) {
        var random = SplitMix64(seed: seed)
        var cents = 250_000
        trades = (0..<count).map { index in
            cents += Int(random.next() % 201) - 100
            return Trade(time: start + Int64(index) * step, price: Double(cents) / 100, volume: Int(random.next() % 5_000) + 1)
        }
    }

    /// `{"trades": [...]}` (or the bare list) with RFC 3339 times, newest first so the server must sort.
    func body(symbol: String, bare: Bool = false) -> String {
        let list = trades.reversed().map { trade in
            let time = RFC3339.format(trade.time, unit: .milliseconds)
            return #"{"timestamp":"\#(time)","symbol":"\#(symbol)","price":\#(trade.price),"volume":\#(trade.volume)}"#
        }.joined(separator: ",")
        return bare ? "[\(list)]" : #"{"trades":[\#(list)]}"#
    }

    /// The same trades with epoch-millisecond times and other whitespace: the same batch.
    func epochBody(symbol: String) -> String {
        "[\n" + trades.map { #"  {"volume": \#($0.volume), "price": \#($0.price), "symbol": "\#(symbol)", "timestamp": \#($0.time)}"# }
            .joined(separator: ",\n") + "\n]"
    }

    /// The bars pandas computes from the trades at `rule` (`5min`, `1h`): `[timestamp, open,
    /// high, low, close, volume]` per non-empty interval, labelled by its start, epoch-aligned.
    func pandasBars(rule: String, copies: Int = 1) async throws -> [[String]] {
        let rows = trades.map { "\($0.time),\($0.price),\($0.volume)" }.joined(separator: "\n")
        let result = try await ServiceHarness.python("""
            import sys, io, json, pandas as pd
            frame = pd.read_csv(io.StringIO(sys.stdin.read()), names=['t', 'price', 'volume'])
            frame = pd.concat([frame] * int(sys.argv[2]))
            frame.index = pd.to_datetime(frame.t, unit='ms', utc=True)
            bars = frame.price.resample(sys.argv[1], origin='epoch', label='left', closed='left').ohlc()
            bars['volume'] = frame.volume.resample(sys.argv[1], origin='epoch', label='left', closed='left').sum()
            bars = bars.dropna()
            print(json.dumps([[t.strftime('%Y-%m-%dT%H:%M:%SZ'), repr(float(r.open)), repr(float(r.high)), repr(float(r.low)), repr(float(r.close)), str(int(r.volume))]
                              for t, r in bars.iterrows()]))
            """, [rule, String(copies)], input: Data(rows.utf8))
        guard result.status == 0 else { throw ServiceHarness.CurlFailure(description: "pandas: \(result.standardError)") }
        return try JSONDecoder().decode([[String]].self, from: result.standardOutput)
    }

    /// The `data` of a `/v1/stats/ohlc` answer in the form of ``pandasBars(rule:copies:)``.
    static func statsBars(_ reply: ServiceHarness.Reply) throws -> [[String]] {
        let data = try reply.json()["data"] as? [[String: Any]] ?? []
        return data.map { bar in
            [bar["timestamp"] as? String ?? "", "\(bar["open"] as? Double ?? .nan)", "\(bar["high"] as? Double ?? .nan)",
             "\(bar["low"] as? Double ?? .nan)", "\(bar["close"] as? Double ?? .nan)", "\(bar["volume"] as? Int ?? -1)"]
        }
    }
}
