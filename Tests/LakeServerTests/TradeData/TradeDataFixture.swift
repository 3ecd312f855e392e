import Foundation
import LakeTestSupport
import Testing

/// Deterministic trades for seed 002's trade endpoints, sent through `POST /v1/trades/ingest`:
/// a main batch over three UTC days with runs of trades sharing one millisecond, and a late
/// batch whose trades fall among the main batch's on the middle day (an uncompacted second
/// part), some at the very milliseconds of main-batch trades.
struct TradeDataFixture: Sendable {
    /// One trade as the API returns it.
    struct Trade: Sendable, Hashable, CustomStringConvertible {
        let time: Int64
        let price: Double
        let quantity: Double
        var description: String { "\(time)@\(price)x\(quantity)" }
    }

    /// 2025-01-02T22:00:00Z: the main batch runs from here into 2025-01-04.
    static let start: Int64 = 1_735_855_200_000

    let main: [Trade]
    let late: [Trade]

    init(seed: UInt64 = 11) {
        var random = SplitMix64(seed: seed)
        var time = Self.start
        var cents = 5_000_000
        var main: [Trade] = []
        for _ in 0..<240 {
            // Half the steps stay on the same millisecond, so runs of shared milliseconds are common.
            let step = random.next() % 4
            time += step < 2 ? 0 : step == 2 ? 1 : Int64(random.next() % 5_400_000)
            cents += Int(random.next() % 41) - 20
            main.append(Trade(time: time, price: Double(cents) / 100, quantity: Double(random.next() % 9_999 + 1) / 1_000))
        }
        self.main = main
        // Late trades on 2025-01-03: every third at the millisecond of a main trade of that day.
        let january3 = main.filter { $0.time >= Self.start + 7_200_000 && $0.time < Self.start + 93_600_000 }
        late = (0..<60).map { index in
            let time = index % 3 == 0 ? january3[Int(random.next() % UInt64(january3.count))].time
                                      : Self.start + 7_200_000 + Int64(random.next() % 86_400_000)
            return Trade(time: time, price: Double(4_900_000 + index) / 100, quantity: Double(index + 1) / 4)
        }.sorted { $0.time < $1.time }
    }

    /// Every trade in time order (ties in any order).
    var all: [Trade] { (main + late).sorted { $0.time < $1.time } }

    /// A seed 003 ingest body for `symbol` with epoch-ms times.
    static func body(_ trades: [Trade], symbol: String) -> String {
        "[" + trades.map { #"{"timestamp":\#($0.time),"symbol":"\#(symbol)","price":\#($0.price),"volume":\#($0.quantity)}"# }
            .joined(separator: ",") + "]"
    }

    /// Ingests both batches as `symbol` (main first) and checks both were accepted.
    func ingest(into harness: ServiceHarness, symbol: String = "BTCUSDT") async throws {
        for batch in [main, late] {
            let reply = try await harness.curl("/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json",
                                                                     "--data-binary", Self.body(batch, symbol: symbol)])
            #expect(reply.status == 200, "\(reply.text)")
            #expect(try reply.json()["accepted"] as? Int == batch.count, "\(reply.text)")
        }
    }

    /// The trades of a seed 002 trade list, checking that the fields the lake cannot know are `null`.
    static func trades(_ reply: ServiceHarness.Reply) throws -> [Trade] {
        let data = try #require(try reply.json()["data"] as? [[String: Any]], "\(reply.text)")
        return try data.map { item in
            for key in ["aggregate_id", "first_trade_id", "last_trade_id", "is_buyer_maker"] {
                #expect(item[key] is NSNull, "\(key) of \(item)")
            }
            return Trade(time: try #require(item["timestamp"] as? Int64), price: try #require(item["price"] as? Double),
                         quantity: try #require(item["quantity"] as? Double))
        }
    }

    /// `trades` as a multiset, for comparing orders that differ only among equal times.
    static func counted(_ trades: [Trade]) -> [Trade: Int] {
        trades.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
