import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// `POST /v1/trades/ingest` over a real socket: good bodies in every accepted shape are
/// stored; each bad one gets its status, error code and the field at fault in `details`, and
/// leaves nothing in the store or the catalog.
@Suite(.serialized) struct TradeIngestValidationTests {
    /// One request and what it must answer: 200 with `accepted` trades, or an error naming `field`.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let body: String
        var query = ""
        var headers: [String] = []
        let status: Int
        var code: String?
        var field: String?
        var accepted: Int?
        var description: String { name }
    }

    static func trade(_ time: String = #""2025-01-02T09:30:00Z""#, symbol: String = #""AAPL""#, price: String = "190.5",
                      volume: String = "1200") -> String {
        #"{"timestamp": \#(time), "symbol": \#(symbol), "price": \#(price), "volume": \#(volume)}"#
    }

    static func invalid(_ name: String, _ body: String, field: String, status: Int = 422, code: String = "VALIDATION_ERROR") -> Case {
        Case(name: name, body: body, status: status, code: code, field: field)
    }

    static let cases: [Case] = [
        Case(name: "object with a trades list (003:147)", body: #"{"trades": [\#(trade()), \#(trade(price: "191"))]}"#, status: 200, accepted: 2),
        Case(name: "bare array", body: "[\(trade())]", status: 200, accepted: 1),
        Case(name: "epoch ms, digit string, offset, fraction, other spellings",
             body: "[\(trade("1735810200000")), \(trade(#""1735810260000""#, symbol: #""aapl""#)), "
                 + "\(trade(#""2025-01-02T15:02:00.250+05:30""#, symbol: #"" AAPL ""#)), \(trade(#""2025-01-02 09:33:00""#, volume: "0"))]",
             status: 200, accepted: 4),
        Case(name: "escaped names and values, unknown members ignored",
             body: #"{"source": {"feed": [1, {"x": null}]}, "trades": [{"timest\u0061mp": "2025-01-02T09:30:00Z", "symbol": "A\u0041PL", "price": 1.5e2, "volume": 3, "venue": "X"}]}"#,
             status: 200, accepted: 1),
        Case(name: "exchange named in the query", body: "[\(trade())]", query: "?exchange=XNAS", status: 200, accepted: 1),
        invalid("empty list (003:40)", "[]", field: "trades"),
        invalid("empty trades list", #"{"trades": []}"#, field: "trades"),
        invalid("no trades member", #"{"data": []}"#, field: "trades"),
        invalid("trades not a list", #"{"trades": {"a": 1}}"#, field: "trades"),
        invalid("body a number", "42", field: "body"),
        invalid("inconsistent symbols (003:41, the seed's own sample)",
                #"{"trades": [\#(trade()), \#(trade(symbol: #""MSFT""#))]}"#, field: "trades[1].symbol"),
        invalid("price as a string (003:42)", "[\(trade(price: #""190.5""#))]", field: "trades[0].price"),
        invalid("price zero", "[\(trade(price: "0"))]", field: "trades[0].price"),
        invalid("price negative", "[\(trade()), \(trade(price: "-1"))]", field: "trades[1].price"),
        invalid("price overflowing to infinity", "[\(trade(price: "1e400"))]", field: "trades[0].price"),
        invalid("volume negative", "[\(trade(volume: "-5"))]", field: "trades[0].volume"),
        invalid("volume null", "[\(trade(volume: "null"))]", field: "trades[0].volume"),
        invalid("volume missing (003:43)", #"[{"timestamp": "2025-01-02T09:30:00Z", "symbol": "AAPL", "price": 1}]"#, field: "trades[0].volume"),
        invalid("symbol missing", #"[{"timestamp": "2025-01-02T09:30:00Z", "price": 1, "volume": 1}]"#, field: "trades[0].symbol"),
        invalid("symbol a number", "[\(trade(symbol: "7"))]", field: "trades[0].symbol"),
        invalid("timestamp not a time", "[\(trade(#""yesterday""#))]", field: "trades[0].timestamp"),
        invalid("timestamp fractional number", "[\(trade("1735810200000.5"))]", field: "trades[0].timestamp"),
        invalid("timestamp before 1970", "[\(trade(#""1969-12-31T23:59:59Z""#))]", field: "trades[0].timestamp"),
        invalid("trade not an object", "[\(trade()), 5]", field: "trades[1]"),
        invalid("unknown symbol spelling", "[\(trade(symbol: #""NOTASYMBOL""#))]", field: "trades[0].symbol"),
        invalid("symbol with characters no symbol uses", "[\(trade(symbol: #""AA PL$""#))]", field: "trades[0].symbol"),
        invalid("bad exchange", "[\(trade())]", field: "exchange").with(query: "?exchange=../x"),
        invalid("bad JSON: trailing comma", #"[{"timestamp": 1, "symbol": "AAPL", "price": 1, "volume": 1,}]"#, field: "body",
                status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: truncated", #"[{"timestamp": "2025"#, field: "body", status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: text after the value", "[\(trade())] x", field: "body", status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: leading zero", "[\(trade(volume: "012"))]", field: "body", status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: nested too deep", String(repeating: "[", count: 100) + String(repeating: "]", count: 100), field: "body",
                status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: raw control character", "[\(trade(symbol: "\"AA\u{1}PL\""))]", field: "body", status: 400, code: "INVALID_JSON"),
        invalid("bad JSON: empty body", "", field: "body", status: 400, code: "INVALID_JSON"),
        invalid("Idempotency-Key with a space", "[\(trade())]", field: "Idempotency-Key", status: 400).with(headers: ["Idempotency-Key: a b"]),
    ]

    @Test(arguments: cases)
    func answersAndWritesOnlyGoodBatches(_ testCase: Case) async throws {
        try await ServiceHarness.with(.local) { harness in
            let reply = try await harness.curl("/v1/trades/ingest" + testCase.query,
                                               ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", testCase.body]
                                                   + testCase.headers.flatMap { ["-H", $0] })
            #expect(reply.status == testCase.status, "\(reply.text)")
            let body = try reply.json()
            let written = try Self.objectFiles(under: harness.lakeDirectory)
            if let accepted = testCase.accepted {
                #expect(body["accepted"] as? Int == accepted && body["duplicate"] as? Bool == false, "\(reply.text)")
                #expect(!written.isEmpty && written.allSatisfy { $0.contains("timeframe=trades/") }, "\(written)")
                return
            }
            #expect(body["error"] as? String == testCase.code, "\(reply.text)")
            let details = try #require(body["details"] as? [String: [String]], "\(reply.text)")
            #expect(details[testCase.field ?? ""] != nil, "details \(details) do not name \(testCase.field ?? "")")
            #expect(written.isEmpty, "a refused batch wrote \(written)")
            #expect(try harness.service.lake.catalog.series(symbol: "AAPL").isEmpty)
        }
    }

    @Test func aBodyOverTheRouteLimitIsRefusedBeforeItIsRead() async throws {
        try await ServiceHarness.with(.local) { harness in
            // A sparse file one byte over 64 MiB: refused on its Content-Length (curl then
            // sends nothing after `Expect: 100-continue`).
            let path = harness.directory.appendingPathComponent("large.json").path
            try Data().write(to: URL(fileURLWithPath: path))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: (64 << 20) + 1)
            try handle.close()
            let reply = try await harness.curl("/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json",
                                                                     "--data-binary", "@" + path])
            #expect(reply.status == 413, "\(reply.text)")
            #expect(try Self.objectFiles(under: harness.lakeDirectory).isEmpty)
        }
    }

    /// Every regular file under `directory`, as paths relative to it.
    static func objectFiles(under directory: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}

extension TradeIngestValidationTests.Case {
    func with(query: String = "", headers: [String] = []) -> Self {
        var copy = self
        if !query.isEmpty { copy.query = query }
        if !headers.isEmpty { copy.headers = headers }
        return copy
    }
}
