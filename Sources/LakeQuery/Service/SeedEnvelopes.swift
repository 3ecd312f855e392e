import Foundation
import LakeCore
import LakeFormats

/// Response bodies in the seeds' shapes around a ``BarQueryResult``, as byte streams. Routes
/// parse the request, call ``BarQueryService``, and hand one of these to the HTTP layer.
///
/// Every envelope says how many bars it holds and, when a limit cut the result, where to
/// continue (`next_start`), so nothing is truncated silently.
public enum SeedEnvelopes {
    /// Seed 000 `POST /api/v1/bars`: `{"symbol","timeframe","start_date","end_date","bar_count",
    /// "truncated","next_start","cached","data":[…],"validation":{…}}` (validation only when
    /// asked). NDJSON/CSV/Parquet carry the rows only.
    public static func bars(_ result: BarQueryResult, timeframe: String, startDate: String, endDate: String,
                            cached: Bool, validate: Bool, format: BarOutputFormat) -> BarByteStream {
        var head: [UInt8] = Array("{".utf8)
        appendField("symbol", string: result.plan.query.symbol, to: &head)
        appendField("timeframe", string: timeframe, to: &head)
        appendField("start_date", string: startDate, to: &head)
        appendField("end_date", string: endDate, to: &head)
        head += Array(#""bar_count":\#(result.bars.count),"truncated":\#(result.isTruncated),"next_start":"#.utf8)
        appendTime(result.nextStart, to: &head)
        head += Array(#","cached":\#(cached),"data":"#.utf8)
        var tail: [UInt8] = []
        if validate {
            let days = try? result.plan.calendar.boundaries(for: .day, covering: (result.bars.time.first ?? 0)..<((result.bucketEnds.last ?? 0) + 1))
            tail += Array(#","validation":"#.utf8)
            tail += BarValidation(bars: result.bars, bucketEnds: result.bucketEnds, timeframe: result.plan.query.timeframe, days: days).json()
        }
        tail.append(UInt8(ascii: "}"))
        return BarByteStream(bars: result.bars, closedCount: result.closedCount, format: format, style: .seed000,
                             prefix: head, suffix: tail)
    }

    /// Seed 003 `GET /v1/stats/ohlc`: `{"symbol","interval","data":[…],"next_start"}`.
    public static func statsOHLC(_ result: BarQueryResult, interval: String, format: BarOutputFormat) -> BarByteStream {
        var head: [UInt8] = Array("{".utf8)
        appendField("symbol", string: result.plan.query.symbol, to: &head)
        appendField("interval", string: interval, to: &head)
        head += Array(#""data":"#.utf8)
        var tail = Array(#","next_start":"#.utf8)
        appendTime(result.nextStart, to: &tail)
        tail.append(UInt8(ascii: "}"))
        return BarByteStream(bars: result.bars, closedCount: result.closedCount, format: format, style: .seed003,
                             prefix: head, suffix: tail)
    }

    /// Seed 004 `GET /v1/stocks/{code}/prices`: `{"stock_code","interval","prices":[…]}` with
    /// local `trade_date`s.
    public static func prices(_ result: BarQueryResult, stockCode: String, interval: String) -> BarByteStream {
        var head: [UInt8] = Array("{".utf8)
        appendField("stock_code", string: stockCode, to: &head)
        appendField("interval", string: interval, to: &head)
        head += Array(#""prices":"#.utf8)
        var tail = Array(#","next_start":"#.utf8)
        appendTime(result.nextStart, to: &tail)
        tail.append(UInt8(ascii: "}"))
        return BarByteStream(bars: result.bars, closedCount: result.closedCount, format: .json,
                             style: .seed004(timeZone: result.plan.calendar.timeZone), prefix: head, suffix: tail)
    }

    /// `"name":"value",` with the value escaped.
    static func appendField(_ name: String, string value: String, to output: inout [UInt8]) {
        output += Array("\"\(name)\":".utf8)
        NDJSONWriter.appendString(Array(value.utf8)[...], to: &output)
        output.append(UInt8(ascii: ","))
    }

    /// An RFC 3339 string, or `null`.
    static func appendTime(_ time: Int64?, to output: inout [UInt8]) {
        guard let time else { output += Array("null".utf8); return }
        output.append(UInt8(ascii: "\""))
        RFC3339.appendWholeSeconds(milliseconds: time, to: &output)
        output.append(UInt8(ascii: "\""))
    }
}
