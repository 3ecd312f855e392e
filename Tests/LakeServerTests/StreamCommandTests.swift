import LakeCore
@testable import LakeServer
import Testing

/// The messages `/ws/stream` clients send (seed 002), good and bad, each bad one with the
/// seed's error code.
@Suite struct StreamCommandTests {
    static func parse(_ text: String) -> Result<StreamCommand, StreamProtocolError> {
        Result { () throws(StreamProtocolError) in try StreamCommand.parse(Array(text.utf8)) }
    }

    @Test func seedSubscriptionExample() throws {
        let message = """
        {"action": "subscribe", "subscriptions": [
          {"symbol": "BTCUSDT", "timeframes": [{"timeframe": 15, "initial_candles": 20}, {"timeframe": 173, "initial_candles": 5}]},
          {"symbol": "ETHUSDT", "timeframes": [{"timeframe": 5, "initial_candles": 50}, {"timeframe": 120, "initial_candles": 10}]}
        ]}
        """
        #expect(try Self.parse(message).get() == .subscribe([
            StreamSubscriptionRequest(symbol: "BTCUSDT", timeframes: [StreamTimeframeRequest(minutes: 15, initialCandles: 20),
                                                                      StreamTimeframeRequest(minutes: 173, initialCandles: 5)]),
            StreamSubscriptionRequest(symbol: "ETHUSDT", timeframes: [StreamTimeframeRequest(minutes: 5, initialCandles: 50),
                                                                      StreamTimeframeRequest(minutes: 120, initialCandles: 10)]),
        ]))
    }

    @Test(arguments: [
        (#"{"action":"subscribe","subscriptions":[{"symbol":" btc-usdt ","timeframes":[1, {"timeframe":2850}]}]}"#,
         StreamCommand.subscribe([StreamSubscriptionRequest(symbol: "btc-usdt", timeframes: [
             StreamTimeframeRequest(minutes: 1, initialCandles: 0), StreamTimeframeRequest(minutes: 2850, initialCandles: 0)])])),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"X","timeframes":[{"timeframe":44640,"initial_candles":1000}]}]}"#,
         .subscribe([StreamSubscriptionRequest(symbol: "X", timeframes: [StreamTimeframeRequest(minutes: Timeframe.maximumMinutes, initialCandles: 1_000)])])),
        (#"{"action":"unsubscribe","unsubscriptions":[{"symbol":"BTCUSDT","timeframes":[15,173]},{"symbol":"ETHUSDT"}]}"#,
         .unsubscribe([StreamUnsubscription(symbol: "BTCUSDT", minutes: [15, 173]), StreamUnsubscription(symbol: "ETHUSDT", minutes: [])])),
        (#"{"action":"ping","timestamp":1735691100000}"#, .ping(clientTimestamp: 1_735_691_100_000)),
        (#"{"action":"ping"}"#, .ping(clientTimestamp: nil)),
        (#"{"timestamp":null,"action":"ping"}"#, .ping(clientTimestamp: nil)),
    ])
    func acceptedMessages(text: String, expected: StreamCommand) throws {
        #expect(try Self.parse(text).get() == expected)
    }

    static let manySymbols = "[" + (0...100).map { #"{"symbol":"S\#($0)","timeframes":[1]}"# }.joined(separator: ",") + "]"
    static let manyTimeframes = "[" + (1...21).map(String.init).joined(separator: ",") + "]"

    @Test(arguments: [
        ("", StreamProtocolError.Code.invalidJSON), ("{", .invalidJSON), ("[]", .invalidJSON), (#""subscribe""#, .invalidJSON),
        ("{}", .unknownAction), (#"{"action":7}"#, .unknownAction), (#"{"action":"SUBSCRIBE"}"#, .unknownAction),
        (#"{"action":"subscribe"}"#, .invalidSubscription), (#"{"action":"subscribe","subscriptions":[]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":{}}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":["BTCUSDT"]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"timeframes":[1]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"","timeframes":[1]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"A B","timeframes":[1]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":7,"timeframes":[1]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT"}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":["15m"]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[0]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[-15]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[1.5]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[44641]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"timeframe":"15"}]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"initial_candles":5}]}]}"#, .invalidTimeframe),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"timeframe":15,"initial_candles":-1}]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"timeframe":15,"initial_candles":1001}]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"timeframe":15,"initial_candles":2.5}]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[{"timeframe":15,"initial_candles":true}]}]}"#, .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":"# + manySymbols + "}", .invalidSubscription),
        (#"{"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":"# + manyTimeframes + "}]}", .invalidSubscription),
        (#"{"action":"unsubscribe","unsubscriptions":[{"symbol":"BTCUSDT","timeframes":[0]}]}"#, .invalidTimeframe),
        (#"{"action":"unsubscribe"}"#, .invalidSubscription),
        (#"{"action":"ping","timestamp":"now"}"#, .invalidJSON), (#"{"action":"ping","timestamp":1.5}"#, .invalidJSON),
    ])
    func refusedMessages(text: String, code: StreamProtocolError.Code) {
        switch Self.parse(text) {
        case .success(let command): Issue.record("\(text) was accepted as \(command)")
        case .failure(let error): #expect(error.code == code, "\(text): \(error.message)")
        }
    }

    /// The field at fault is named, so a client can tell which entry to fix.
    @Test func refusalsNameTheField() {
        let text = #"{"action":"subscribe","subscriptions":[{"symbol":"A","timeframes":[5]},{"symbol":"B","timeframes":[5,{"timeframe":0}]}]}"#
        guard case .failure(let error) = Self.parse(text) else { Issue.record("accepted"); return }
        #expect(error.message == "subscriptions[1].timeframes[1].timeframe: timeframe must be positive")
    }

    @Test(arguments: [(0, 60_000, 0), (59_999, 60_000, 0), (60_000, 60_000, 60_000), (-1, 60_000, -60_000),
                      (1_735_691_100_123, 900_000, 1_735_690_500_000)] as [(Int64, Int64, Int64)])
    func bucketsAlignToTheEpoch(time: Int64, step: Int64, start: Int64) {
        #expect(StreamHub.bucketStart(time, step: step) == start)
    }

    @Test(arguments: [("127.0.0.1:53211", "127.0.0.1"), ("[::1]:53211", "::1"), ("[2001:db8::7]:80", "2001:db8::7"), ("local", "local")])
    func addressesLoseTheirPort(remote: String, host: String) {
        #expect(StreamHub.host(of: remote) == host)
    }
}
