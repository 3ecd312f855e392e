import Foundation
import LakeCore
import LakeHTTP
import LakeQuery

/// Seed 002's trade list in its envelope, written straight into bytes: a page holds up to
/// 10,000 trades, and numbers written with `JSONNumberWriter` skip `JSONEncoder`'s per-value
/// boxing.
///
/// Each trade carries the seed's keys. The lake stores time, price and size only, so
/// `aggregate_id`, `first_trade_id`, `last_trade_id` and `is_buyer_maker` are `null` — a
/// position would not do as an id, since a backfill would shift it.
enum TradeListJSON {
    /// The response: `{"success":true,"data":[…],"message":…,"timestamp":…,"error":null}`,
    /// plus `next_url` when given.
    static func response(_ trades: TradeBatch, message: String, nextURL: String?, now: Int64) throws -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(160 + trades.count * 150)
        body.append(contentsOf: #"{"success":true,"data":["#.utf8)
        for index in 0..<trades.count {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: #"{"aggregate_id":null,"price":"#.utf8)
            JSONNumberWriter.append(trades.price[index], to: &body)
            body.append(contentsOf: #","quantity":"#.utf8)
            JSONNumberWriter.append(trades.size[index], to: &body)
            body.append(contentsOf: #","first_trade_id":null,"last_trade_id":null,"timestamp":"#.utf8)
            JSONNumberWriter.append(trades.time[index], to: &body)
            body.append(contentsOf: #","is_buyer_maker":null}"#.utf8)
        }
        body.append(contentsOf: #"],"message":"#.utf8)
        try appendString(message, to: &body)
        body.append(contentsOf: #","timestamp":"#.utf8)
        JSONNumberWriter.append(now, to: &body)
        body.append(contentsOf: #","error":null"#.utf8)
        if let nextURL {
            body.append(contentsOf: #","next_url":"#.utf8)
            try appendString(nextURL, to: &body)
        }
        body.append(UInt8(ascii: "}"))
        return .json(bytes: body)
    }

    /// `text` as a JSON string (quotes and escapes by `JSONEncoder`, which knows every rule).
    private static func appendString(_ text: String, to body: inout [UInt8]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        body.append(contentsOf: try encoder.encode(text))
    }
}
