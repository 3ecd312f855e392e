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
        var writer = RowWriter(csv: csv)
        writer.begin(&output)
        switch self {
        case .seed000, .seed003:
            writer.field("timestamp", to: &output) { RFC3339.appendWholeSeconds(milliseconds: bars.time[row], to: &$0) }
        case .seed002:
            writer.integer("candle_time", bars.time[row], to: &output)
        case .seed004(let zone):
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(bars.time[row]) / 1000))) * 1000
            let local = bars.time[row] + offset
            let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
            writer.field("trade_date", to: &output) { RFC3339.appendDate(CivilDate(daysSinceEpoch: day), to: &$0) }
        }
        writer.number("open", bars.open[row], to: &output)
        writer.number("high", bars.high[row], to: &output)
        writer.number("low", bars.low[row], to: &output)
        writer.number("close", bars.close[row], to: &output)
        switch self {
        case .seed000:
            writer.number("volume", bars.volume[row], to: &output)
            writer.number("vwap", bars.vwap?[row], to: &output)
            writer.integer("transactions", bars.transactions?[row], to: &output)
            writer.boolean("closed", closed, to: &output)
        case .seed002:
            writer.number("volume", bars.volume[row], to: &output)
            writer.integer("trades_count", bars.transactions?[row], to: &output)
            let buy = bars.takerBuyVolume?[row]
            writer.number("taker_buy_volume", buy, to: &output)
            writer.number("taker_sell_volume", buy.map { bars.volume[row] - $0 }, to: &output)
            writer.boolean("closed", closed, to: &output)
        case .seed003, .seed004:
            let volume = bars.volume[row]
            writer.integer("volume", volume.isFinite ? Int64(volume.rounded()) : nil, to: &output)
        }
        writer.end(&output)
    }
}

/// Writes the fields of one row as a JSON object or a CSV line, straight onto the caller's
/// chunk (the writer holds no bytes of its own, so nothing is copied or allocated per row).
private struct RowWriter {
    let csv: Bool
    var first = true

    init(csv: Bool) {
        self.csv = csv
    }

    func begin(_ output: inout [UInt8]) {
        if !csv { output.append(UInt8(ascii: "{")) }
    }

    /// Separator, then the key (JSON), then the value written by `body` (quoted unless `raw`).
    mutating func field(_ name: StaticString, raw: Bool = false, to output: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        if !csv {
            output.append(UInt8(ascii: "\""))
            RowWriter.append(name, to: &output)
            output.append(UInt8(ascii: "\""))
            output.append(UInt8(ascii: ":"))
        }
        let quoted = !raw && !csv
        if quoted { output.append(UInt8(ascii: "\"")) }
        body(&output)
        if quoted { output.append(UInt8(ascii: "\"")) }
    }

    mutating func number(_ name: StaticString, _ value: Double?, to output: inout [UInt8]) {
        let csv = csv
        field(name, raw: true, to: &output) { output in
            if let value, value.isFinite { JSONNumberWriter.append(value, to: &output) } else if !csv { RowWriter.append("null", to: &output) }
        }
    }

    mutating func integer(_ name: StaticString, _ value: Int64?, to output: inout [UInt8]) {
        let csv = csv
        field(name, raw: true, to: &output) { output in
            if let value { JSONNumberWriter.append(value, to: &output) } else if !csv { RowWriter.append("null", to: &output) }
        }
    }

    mutating func boolean(_ name: StaticString, _ value: Bool, to output: inout [UInt8]) {
        field(name, raw: true, to: &output) { RowWriter.append(value ? "true" : "false", to: &$0) }
    }

    /// A literal's bytes, copied from the binary (no `String` in between).
    static func append(_ text: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func end(_ output: inout [UInt8]) {
        output.append(csv ? UInt8(ascii: "\n") : UInt8(ascii: "}"))
    }
}
