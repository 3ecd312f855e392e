import Foundation
import LakeCore

/// What `/ws/stream` sends, in seed 002's shapes. Every candle message carries the same
/// `data_status`: the lake is the source, so there is no upstream download or gap recovery to
/// report and the data is always `complete` (or `unknown` when a read failed).
enum StreamMessage {
    /// `value` as JSON text (keys sorted, as the REST envelopes write them).
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Every message here is made of strings, numbers, lists and objects: encoding cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// `15m`, `173m`, `60m`: seed 002 names every timeframe in minutes.
    static func label(minutes: Int) -> String { "\(minutes)m" }

    /// One candle: a bar's values, with seed 002's names.
    struct Candle: Encodable, Equatable {
        let candleTime: Int64
        let open, high, low, close, volume: Double
        let tradesCount: Int64?
        let takerBuyVolume: Double?

        /// Row `row` of `bars`.
        init(_ bars: BarBatch, row: Int) {
            candleTime = bars.time[row]
            open = bars.open[row]
            high = bars.high[row]
            low = bars.low[row]
            close = bars.close[row]
            volume = bars.volume[row]
            tradesCount = bars.transactions?[row]
            takerBuyVolume = bars.takerBuyVolume?[row]
        }

        enum CodingKeys: String, CodingKey {
            case candleTime = "candle_time", open, high, low, close, volume, tradesCount = "trades_count"
            case takerBuyVolume = "taker_buy_volume", takerSellVolume = "taker_sell_volume"
        }

        /// Counts and taker volumes the lake does not hold are `null`, not missing.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(candleTime, forKey: .candleTime)
            try container.encode(open, forKey: .open)
            try container.encode(high, forKey: .high)
            try container.encode(low, forKey: .low)
            try container.encode(close, forKey: .close)
            try container.encode(volume, forKey: .volume)
            try container.encode(tradesCount, forKey: .tradesCount)
            try container.encode(takerBuyVolume, forKey: .takerBuyVolume)
            try container.encode(takerBuyVolume.map { max(volume - $0, 0) }, forKey: .takerSellVolume)
        }
    }

    /// `data_status`: `complete`, or `unknown` when the lake could not be read.
    struct DataStatus: Encodable {
        let quality: String

        static let complete = DataStatus(quality: "complete")
        static let unknown = DataStatus(quality: "unknown")

        enum CodingKeys: String, CodingKey {
            case historicalLoading = "historical_loading", gapRecovery = "gap_recovery", dataQuality = "data_quality"
            case lastCompleteTimestamp = "last_complete_timestamp"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(false, forKey: .historicalLoading)
            try container.encode(false, forKey: .gapRecovery)
            try container.encode(quality, forKey: .dataQuality)
            try container.encodeNil(forKey: .lastCompleteTimestamp)
        }
    }

    /// `subscription_result`: what was subscribed (by the lake's spelling of each symbol) and what was not.
    struct SubscriptionResult: Encodable {
        let type = "subscription_result"
        let successful: [String: [TimeframeEcho]]
        let failed: [Failure]
        let message: String

        enum CodingKeys: String, CodingKey {
            case type, successful = "successful_subscriptions", failed = "failed_subscriptions", message
        }
    }

    /// One subscribed timeframe, as the client asked for it.
    struct TimeframeEcho: Encodable, Equatable {
        let timeframe: Int
        let initialCandles: Int

        enum CodingKeys: String, CodingKey { case timeframe, initialCandles = "initial_candles" }
    }

    /// One subscription that was refused, and why.
    struct Failure: Encodable, Equatable {
        let symbol: String
        let timeframes: [Int]
        let errorCode: String
        let message: String

        enum CodingKeys: String, CodingKey { case symbol, timeframes, errorCode = "error_code", message }
    }

    /// `initial_history`: the most recent candles up to the forming one, oldest first.
    struct InitialHistory: Encodable {
        let type = "initial_history"
        let symbol: String
        let timeframe: String
        let requestedCandles: Int
        let actualCandles: Int
        let dataStatus: DataStatus
        let candles: [Candle]

        enum CodingKeys: String, CodingKey {
            case type, symbol, timeframe, requestedCandles = "requested_candles", actualCandles = "actual_candles"
            case dataStatus = "data_status", candles
        }
    }

    /// `ohlcv_update`: the forming candle of one subscription.
    struct Update: Encodable {
        let type = "ohlcv_update"
        let symbol: String
        let timeframe: String
        let data: Candle
        let dataStatus = DataStatus.complete

        enum CodingKeys: String, CodingKey { case type, symbol, timeframe, data, dataStatus = "data_status" }
    }

    /// `unsubscription_result`: the timeframes dropped, by symbol.
    struct UnsubscriptionResult: Encodable {
        let type = "unsubscription_result"
        let removed: [String: [Int]]
        let message: String
    }

    /// `error`: a message the hub refused.
    struct ErrorMessage: Encodable {
        let type = "error"
        let errorCode: String
        let message: String
        let details: [String: String] = [:]

        enum CodingKeys: String, CodingKey { case type, errorCode = "error_code", message, details }
    }

    /// `heartbeat`: sent to every client on the heartbeat interval.
    struct Heartbeat: Encodable {
        let type = "heartbeat"
        let timestamp: Int64
        let connectionsCount: Int

        enum CodingKeys: String, CodingKey { case type, timestamp, connectionsCount = "connections_count" }
    }

    /// `pong`: the answer to a `ping`, echoing the client's timestamp (null when it sent none).
    struct Pong: Encodable {
        let type = "pong"
        let timestamp: Int64
        let clientTimestamp: Int64?

        enum CodingKeys: String, CodingKey { case type, timestamp, clientTimestamp = "client_timestamp" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(timestamp, forKey: .timestamp)
            try container.encode(clientTimestamp, forKey: .clientTimestamp)
        }
    }
}
