import Foundation
import LakeCore
import LakeHTTP

extension CompactionSelection {
    /// The parameter names ``init(parameters:)`` reads.
    public static let parameterNames: Set<String> = ["timeframe", "exchange", "symbol", "start", "end", "min_parts"]

    /// A selection from the admin API's (and CLI's) text parameters: `timeframe` (any spelling
    /// the API accepts), `exchange`, `symbol`, `start`/`end` (dates, RFC 3339 or epoch ms; a
    /// date-only end includes its day) and `min_parts` (default 2).
    /// - Throws: `HTTPError` 400 naming an unknown or malformed parameter, 422 for a timeframe
    ///   that does not parse.
    public init(parameters: [String: String]) throws(HTTPError) {
        if let unknown = parameters.keys.sorted().first(where: { !Self.parameterNames.contains($0) }) {
            throw JSONBody.invalid(unknown, "unknown parameter (use \(Self.parameterNames.sorted().joined(separator: ", ")))")
        }
        var timeframe: Timeframe?
        if let text = parameters["timeframe"] {
            do {
                timeframe = try Timeframe(parsing: text)
            } catch {
                throw HTTPError(.unprocessableContent, code: "INVALID_INTERVAL", message: "timeframe: \(error)", details: ["timeframe": ["\(error)"]])
            }
        }
        var minimumParts = 2
        if let text = parameters["min_parts"] {
            guard let value = Int(text), (2...10_000_000).contains(value) else {
                throw JSONBody.invalid("min_parts", "must be a whole number from 2 to 10000000")
            }
            minimumParts = value
        }
        self.init(timeframe: timeframe, exchange: parameters["exchange"].flatMap { $0.isEmpty ? nil : $0 },
                  symbol: parameters["symbol"].flatMap { $0.isEmpty ? nil : $0 },
                  range: try TimeParameter.range(start: parameters["start"], end: parameters["end"]), minimumParts: minimumParts)
    }

    /// The text parameters of a JSON object body (`{"symbol": "X", "min_parts": 100}`):
    /// strings as they are, whole numbers as decimal text.
    /// - Throws: `HTTPError` 400 when the body is not such an object.
    static func parameters(ofJSON body: [UInt8]) throws(HTTPError) -> [String: String] {
        guard !body.isEmpty else { return [:] }
        do {
            return try JSONDecoder().decode([String: TextOrNumber].self, from: Data(body)).mapValues(\.text)
        } catch {
            throw JSONBody.invalid("body", "must be a JSON object whose values are strings or whole numbers")
        }
    }

    /// A JSON string, or a whole number as its decimal text.
    private struct TextOrNumber: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}
