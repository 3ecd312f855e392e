import Foundation
import LakeCore

/// One message a `/ws/stream` client sends (seed 002): `subscribe`, `unsubscribe` or `ping`,
/// validated field by field into what the hub acts on.
///
/// ```swift
/// let command = try StreamCommand.parse(Array(#"{"action":"ping","timestamp":1735691100000}"#.utf8))
/// // .ping(clientTimestamp: 1735691100000)
/// ```
enum StreamCommand: Equatable, Sendable {
    case subscribe([StreamSubscriptionRequest])
    /// Symbol → the timeframes (minutes) to drop; an empty list drops every timeframe of the symbol.
    case unsubscribe([StreamUnsubscription])
    case ping(clientTimestamp: Int64?)

    /// At most this many symbols in one message, and timeframes per symbol.
    static let maximumSymbols = 100
    static let maximumTimeframes = 20
    /// `initial_candles` ranges over 0…1000 (seed 002).
    static let maximumInitialCandles = 1_000

    /// The command `message` holds.
    /// - Throws: ``StreamProtocolError`` with the seed's error code and the field at fault.
    static func parse(_ message: [UInt8]) throws(StreamProtocolError) -> StreamCommand {
        let document: StreamJSON
        do {
            document = try JSONDecoder().decode(StreamJSON.self, from: Data(message))
        } catch {
            throw StreamProtocolError(.invalidJSON, "the message is not valid JSON")
        }
        guard case .object(let members) = document else { throw StreamProtocolError(.invalidJSON, "the message must be a JSON object") }
        guard case .string(let action)? = members["action"] else {
            throw StreamProtocolError(.unknownAction, "action is required (subscribe, unsubscribe or ping)")
        }
        switch action {
        case "subscribe": return .subscribe(try subscriptions(members["subscriptions"]))
        case "unsubscribe": return .unsubscribe(try unsubscriptions(members["unsubscriptions"]))
        case "ping":
            switch members["timestamp"] {
            case nil, .null?: return .ping(clientTimestamp: nil)
            case .number(let value)? where value == value.rounded() && abs(value) < 0x1p53: return .ping(clientTimestamp: Int64(value))
            default: throw StreamProtocolError(.invalidJSON, "timestamp must be epoch milliseconds")
            }
        default:
            throw StreamProtocolError(.unknownAction, "unknown action '\(action.prefix(64))' (subscribe, unsubscribe or ping)")
        }
    }

    private static func subscriptions(_ value: StreamJSON?) throws(StreamProtocolError) -> [StreamSubscriptionRequest] {
        var requests: [StreamSubscriptionRequest] = []
        for (field, symbol, members) in try symbolEntries(value, field: "subscriptions") {
            let timeframes = try list(members["timeframes"], field: field + ".timeframes", limit: maximumTimeframes)
            var parsed: [StreamTimeframeRequest] = []
            for (position, timeframe) in timeframes.enumerated() {
                let item = "\(field).timeframes[\(position)]"
                switch timeframe {
                case .number:
                    parsed.append(StreamTimeframeRequest(minutes: try minutes(timeframe, field: item), initialCandles: 0))
                case .object(let fields):
                    let candles: Int
                    switch fields["initial_candles"] {
                    case nil, .null?: candles = 0
                    case .number(let count)? where count == count.rounded() && (0...Double(maximumInitialCandles)).contains(count):
                        candles = Int(count)
                    default: throw invalid(item + ".initial_candles", "must be a whole number from 0 to \(maximumInitialCandles)")
                    }
                    parsed.append(StreamTimeframeRequest(minutes: try minutes(fields["timeframe"], field: item + ".timeframe"),
                                                         initialCandles: candles))
                default:
                    throw invalid(item, "must be {\"timeframe\": minutes, \"initial_candles\": count} or a number of minutes")
                }
            }
            requests.append(StreamSubscriptionRequest(symbol: symbol, timeframes: parsed))
        }
        return requests
    }

    private static func unsubscriptions(_ value: StreamJSON?) throws(StreamProtocolError) -> [StreamUnsubscription] {
        var result: [StreamUnsubscription] = []
        for (field, symbol, members) in try symbolEntries(value, field: "unsubscriptions") {
            var minutes: [Int] = []
            if let timeframes = members["timeframes"], timeframes != .null {
                for (position, timeframe) in try list(timeframes, field: field + ".timeframes", limit: maximumTimeframes).enumerated() {
                    minutes.append(try self.minutes(timeframe, field: "\(field).timeframes[\(position)]"))
                }
            }
            result.append(StreamUnsubscription(symbol: symbol, minutes: minutes))
        }
        return result
    }

    /// The entries of a `subscriptions`/`unsubscriptions` list: each an object with a symbol.
    private static func symbolEntries(_ value: StreamJSON?, field: String)
        throws(StreamProtocolError) -> [(field: String, symbol: String, members: [String: StreamJSON])] {
        var entries: [(field: String, symbol: String, members: [String: StreamJSON])] = []
        for (index, entry) in try list(value, field: field, limit: maximumSymbols).enumerated() {
            let item = "\(field)[\(index)]"
            guard case .object(let members) = entry else { throw invalid(item, "must be an object with symbol and timeframes") }
            entries.append((item, try symbol(members["symbol"], field: item + ".symbol"), members))
        }
        return entries
    }

    private static func list(_ value: StreamJSON?, field: String, limit: Int) throws(StreamProtocolError) -> [StreamJSON] {
        guard case .array(let items)? = value, !items.isEmpty else { throw invalid(field, "must be a non-empty list") }
        guard items.count <= limit else { throw invalid(field, "has \(items.count) entries; at most \(limit) are allowed") }
        return items
    }

    private static func symbol(_ value: StreamJSON?, field: String) throws(StreamProtocolError) -> String {
        guard case .string(let text)? = value else { throw invalid(field, "must be a symbol such as BTCUSDT") }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64, trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw invalid(field, "must be a symbol of 1 to 64 printable characters")
        }
        return trimmed
    }

    private static func minutes(_ value: StreamJSON?, field: String) throws(StreamProtocolError) -> Int {
        guard case .number(let number)? = value else {
            throw StreamProtocolError(.invalidTimeframe, "\(field): timeframe must be a whole number of minutes")
        }
        guard number == number.rounded() else {
            throw StreamProtocolError(.invalidTimeframe, "\(field): timeframe must be a whole number of minutes")
        }
        guard number > 0 else { throw StreamProtocolError(.invalidTimeframe, "\(field): timeframe must be positive") }
        // The query engine's own bound, so that every accepted subscription can be read.
        guard number <= Double(Timeframe.maximumMinutes) else {
            throw StreamProtocolError(.invalidTimeframe, "\(field): timeframe must be at most \(Timeframe.maximumMinutes) minutes (one month)")
        }
        return Int(number)
    }

    private static func invalid(_ field: String, _ problem: String) -> StreamProtocolError {
        StreamProtocolError(.invalidSubscription, "\(field): \(problem)")
    }
}

/// One symbol of a `subscribe` message.
struct StreamSubscriptionRequest: Equatable, Sendable {
    let symbol: String
    let timeframes: [StreamTimeframeRequest]
}

/// One timeframe of a subscription: its length and how many recent candles to send at once.
struct StreamTimeframeRequest: Equatable, Sendable {
    let minutes: Int
    let initialCandles: Int
}

/// One symbol of an `unsubscribe` message; no minutes means every timeframe of the symbol.
struct StreamUnsubscription: Equatable, Sendable {
    let symbol: String
    let minutes: [Int]
}

/// A message the hub refuses, with seed 002's WebSocket error code.
struct StreamProtocolError: Error, Equatable, Sendable {
    enum Code: String, Sendable {
        case invalidJSON = "INVALID_JSON"
        case unknownAction = "UNKNOWN_ACTION"
        case invalidSubscription = "INVALID_SUBSCRIPTION"
        case invalidTimeframe = "INVALID_TIMEFRAME"
        case connectionError = "CONNECTION_ERROR"
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Any JSON value, decoded as sent, so that each field can be checked for its exact type.
indirect enum StreamJSON: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([StreamJSON])
    case object([String: StreamJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([StreamJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: StreamJSON].self))
        }
    }
}
