import Foundation
import LakeCore

/// The shape of one bar in a response, as each seed defines it.
public enum BarRowStyle: Sendable {
    /// Seed 000 (`/api/v1/bars`): `timestamp` RFC 3339 Z, OHLCV, `vwap`, `transactions`
    /// (null when unknown), plus `closed`.
    case seed000
    /// Seed 002 (tickers, custom minute timeframes): `candle_time` epoch ms, OHLCV,
    /// `trades_count`, `taker_buy_volume`, `taker_sell_volume` (= volume − taker buy), `closed`.
    case seed002
    /// Seed 003 (`/v1/stats/ohlc`): `timestamp`, OHLC, integer `volume`.
    case seed003
    /// Seed 004 (`/v1/stocks/{code}/prices`): `trade_date` (the bar's local date in the
    /// exchange's time zone), OHLC, integer `volume`.
    case seed004(timeZone: TimeZone)

    /// The CSV header of this style's columns (without newline).
    var csvHeader: String {
        switch self {
        case .seed000: "timestamp,open,high,low,close,volume,vwap,transactions,closed"
        case .seed002: "candle_time,open,high,low,close,volume,trades_count,taker_buy_volume,taker_sell_volume,closed"
        case .seed003: "timestamp,open,high,low,close,volume"
        case .seed004: "trade_date,open,high,low,close,volume"
        }
    }

    /// Appends bar `row` as a JSON object, or as a CSV line when `csv`.
    func append(_ bars: BarBatch, row: Int, closed: Bool, csv: Bool, to output: inout [UInt8]) {
        var writer = RowWriter(csv: csv, output: output)
        output = []
        switch self {
        case .seed000, .seed003:
            writer.field("timestamp") { RFC3339.appendWholeSeconds(milliseconds: bars.time[row], to: &$0) }
        case .seed002:
            writer.field("candle_time", raw: true) { JSONNumberWriter.append(bars.time[row], to: &$0) }
        case .seed004(let zone):
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(bars.time[row]) / 1000))) * 1000
            let local = bars.time[row] + offset
            let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
            writer.field("trade_date") { RFC3339.appendDate(CivilDate(daysSinceEpoch: day), to: &$0) }
        }
        for (name, value) in [("open", bars.open[row]), ("high", bars.high[row]), ("low", bars.low[row]), ("close", bars.close[row])] {
            writer.number(name, value)
        }
        switch self {
        case .seed000:
            writer.number("volume", bars.volume[row])
            writer.number("vwap", bars.vwap?[row])
            writer.integer("transactions", bars.transactions?[row])
            writer.boolean("closed", closed)
        case .seed002:
            writer.number("volume", bars.volume[row])
            writer.integer("trades_count", bars.transactions?[row])
            let buy = bars.takerBuyVolume?[row]
            writer.number("taker_buy_volume", buy)
            writer.number("taker_sell_volume", buy.map { bars.volume[row] - $0 })
            writer.boolean("closed", closed)
        case .seed003, .seed004:
            let volume = bars.volume[row]
            writer.integer("volume", volume.isFinite ? Int64(volume.rounded()) : nil)
        }
        output = writer.finish()
    }
}

/// Writes the fields of one row as a JSON object or a CSV line.
private struct RowWriter {
    let csv: Bool
    var output: [UInt8]
    var first = true

    init(csv: Bool, output: [UInt8]) {
        self.csv = csv
        self.output = output
        if !csv { self.output.append(UInt8(ascii: "{")) }
    }

    /// Separator, then the key (JSON), then the value written by `body` (quoted unless `raw`).
    mutating func field(_ name: String, raw: Bool = false, _ body: (inout [UInt8]) -> Void) {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        if !csv {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: "\":".utf8)
        }
        let quoted = !raw && !csv
        if quoted { output.append(UInt8(ascii: "\"")) }
        body(&output)
        if quoted { output.append(UInt8(ascii: "\"")) }
    }

    mutating func number(_ name: String, _ value: Double?) {
        let csv = csv
        field(name, raw: true) { output in
            if let value, value.isFinite { JSONNumberWriter.append(value, to: &output) } else if !csv { output.append(contentsOf: "null".utf8) }
        }
    }

    mutating func integer(_ name: String, _ value: Int64?) {
        let csv = csv
        field(name, raw: true) { output in
            if let value { JSONNumberWriter.append(value, to: &output) } else if !csv { output.append(contentsOf: "null".utf8) }
        }
    }

    mutating func boolean(_ name: String, _ value: Bool) {
        field(name, raw: true) { $0.append(contentsOf: (value ? "true" : "false").utf8) }
    }

    mutating func finish() -> [UInt8] {
        output.append(csv ? UInt8(ascii: "\n") : UInt8(ascii: "}"))
        return output
    }
}
