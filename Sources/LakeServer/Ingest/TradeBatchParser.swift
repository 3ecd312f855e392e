#if canImport(Glibc)
import Glibc
#endif
import LakeCore
import LakeHTTP

/// Reads seed 003's ingest body — a list of trade events `{timestamp, symbol, price, volume}`
/// for one symbol — into a ``TradeBatch``, checking every field as pydantic would.
///
/// Accepted shapes: a bare JSON array of trades, or an object with a `trades` array (the
/// seed's sample, 003:147-180; other members are ignored). Per trade:
///
/// | field | accepted | problem |
/// |---|---|---|
/// | `timestamp` | RFC 3339 string (a missing offset is UTC; a bare `YYYY-MM-DD` is midnight), or epoch milliseconds as an integer or a string of digits | "must be an RFC 3339 time or epoch milliseconds" |
/// | `symbol` | a string; every trade names the same symbol (compared as normalised: `aapl` = `AAPL`) | "must be a string", "differs from …" |
/// | `price` | a JSON number > 0 | "must be a positive number" |
/// | `volume` | a JSON number ≥ 0 | "must be a non-negative number" |
///
/// Members other than these are ignored, as pydantic does by default. Text that is not JSON
/// is a 400 `INVALID_JSON` (003:57, "Invalid input data"); everything else wrong — an empty
/// list (003:40), another symbol (003:41), a wrong type (003:42), a missing field (003:43) —
/// is a 422 `VALIDATION_ERROR` (003:58, "Validation errors") whose `details` name each field
/// as `trades[3].price` (at most ``maximumProblems`` of them).
enum TradeBatchParser {
    /// What the body held.
    struct Parsed: Sendable {
        /// The symbol as the first trade spelled it.
        let symbol: String
        /// The trades in body order.
        let trades: TradeBatch
    }

    /// The most field problems one answer lists.
    static let maximumProblems = 50

    /// The trades of `body`. - Throws: `HTTPError` 400 or 422 as described above.
    static func parse(_ body: [UInt8]) throws(HTTPError) -> Parsed {
        var problems = Problems()
        let result: (symbol: [UInt8]?, trades: TradeBatch)
        do {
            result = try body.withUnsafeBytes { raw in
                var reader = Reader(cursor: JSONCursor(raw))
                let parsed = try reader.document(&problems)
                try reader.cursor.finish()
                return parsed
            }
        } catch let error as JSONCursor.SyntaxError {
            throw HTTPError(.badRequest, code: "INVALID_JSON", message: "the body is not valid JSON: \(error)",
                            details: ["body": [error.description]])
        } catch {
            preconditionFailure("the reader throws only syntax errors: \(error)")
        }
        if problems.isEmpty && result.trades.count == 0 { problems.add("trades", "must hold at least one trade") }
        if let error = problems.error { throw error }
        return Parsed(symbol: String(decoding: result.symbol ?? [], as: UTF8.self), trades: result.trades)
    }

    /// Field problems in the order found, capped.
    struct Problems {
        private(set) var details: [String: [String]] = [:]
        private(set) var first: (field: String, problem: String)?
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        mutating func add(_ field: String, _ problem: String) {
            count += 1
            if first == nil { first = (field, problem) }
            if details.count < TradeBatchParser.maximumProblems { details[field, default: []].append(problem) }
        }

        /// The 422 listing them, or nil when there are none.
        var error: HTTPError? {
            guard let first else { return nil }
            let more = count > 1 ? " (and \(count - 1) more problem\(count == 2 ? "" : "s"))" : ""
            return HTTPError(.unprocessableContent, code: "VALIDATION_ERROR", message: "\(first.field): \(first.problem)\(more)",
                             details: details)
        }
    }

    /// The walk over the document; one per parse.
    private struct Reader {
        var cursor: JSONCursor
        var trades = TradeBatch()
        /// The first trade's symbol bytes, and their normalised form once another spelling was seen.
        var symbol: [UInt8]?
        var normalizedSymbol: String?

        /// Times the lake's layout can hold (four-digit years from 1970).
        static let storable: Range<Int64> = 0..<253_402_300_800_000

        mutating func document(_ problems: inout Problems) throws(JSONCursor.SyntaxError) -> (symbol: [UInt8]?, trades: TradeBatch) {
            switch cursor.peek() {
            case UInt8(ascii: "["):
                try list(&problems)
            case UInt8(ascii: "{"):
                try cursor.enter(.object)
                var first = true, found = false
                while try cursor.next(in: .object, isFirst: &first) {
                    let name = try cursor.key()
                    if cursor.matches(name, "trades") && cursor.peek() == UInt8(ascii: "[") {
                        try list(&problems)
                        found = true
                    } else {
                        if cursor.matches(name, "trades") { problems.add("trades", "must be a list of trades") }
                        try cursor.skipValue()
                    }
                }
                if !found && problems.isEmpty { problems.add("trades", "is required") }
            default:
                try cursor.skipValue()
                problems.add("body", "must be a list of trades or an object with a 'trades' list")
            }
            return (symbol, trades)
        }

        private mutating func list(_ problems: inout Problems) throws(JSONCursor.SyntaxError) {
            try cursor.enter(.array)
            var first = true, index = 0
            while try cursor.next(in: .array, isFirst: &first) {
                if cursor.peek() == UInt8(ascii: "{") {
                    try trade(index, &problems)
                } else {
                    try cursor.skipValue()
                    problems.add("trades[\(index)]", "must be an object")
                }
                index += 1
            }
        }

        private mutating func trade(_ index: Int, _ problems: inout Problems) throws(JSONCursor.SyntaxError) {
            var time: Int64?, price: Double?, volume: Double?, hasSymbol = false
            var seen = (time: false, price: false, volume: false)
            let before = problems.count
            try cursor.enter(.object)
            var first = true
            while try cursor.next(in: .object, isFirst: &first) {
                let name = try cursor.key()
                if cursor.matches(name, "timestamp") {
                    seen.time = true
                    time = try timestamp().flatMap { Self.storable.contains($0) ? $0 : nil }
                    if time == nil { problems.add("trades[\(index)].timestamp", "must be an RFC 3339 time or epoch milliseconds, from 1970 to 9999") }
                } else if cursor.matches(name, "price") {
                    seen.price = true
                    price = try number { $0 > 0 }
                    if price == nil { problems.add("trades[\(index)].price", "must be a positive number") }
                } else if cursor.matches(name, "volume") {
                    seen.volume = true
                    volume = try number { $0 >= 0 }
                    if volume == nil { problems.add("trades[\(index)].volume", "must be a non-negative number") }
                } else if cursor.matches(name, "symbol") {
                    hasSymbol = true
                    try checkSymbol(index, &problems)
                } else {
                    try cursor.skipValue()
                }
            }
            if !(seen.time && hasSymbol && seen.price && seen.volume) {  // the list is built only for a trade missing a field
                for (present, field) in [(seen.time, "timestamp"), (hasSymbol, "symbol"), (seen.price, "price"), (seen.volume, "volume")]
                where !present {
                    problems.add("trades[\(index)].\(field)", "is required")
                }
            }
            if problems.count == before, let time, let price, let volume {
                trades.append(Trade(time: time, price: price, size: volume + 0))  // -0 becomes 0
            }
        }

        /// A timestamp value, or nil (consumed) when it is not one.
        private mutating func timestamp() throws(JSONCursor.SyntaxError) -> Int64? {
            switch cursor.peek() {
            case UInt8(ascii: "\""):
                let token = try cursor.string()
                guard (1...64).contains(token.range.count) else { return nil }
                // Unescaped text (the normal case) is read in place, without a copy per trade.
                let escaped = token.hasEscapes ? cursor.unescaped(token) : nil
                return (escaped ?? []).withUnsafeBytes { copy in
                    let text = escaped == nil ? UnsafeRawBufferPointer(rebasing: cursor.bytes[token.range]) : copy
                    guard !text.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return JSONCursor.integer(text) }
                    return RFC3339.parse(text, unit: .milliseconds)
                }
            case let byte? where Self.startsNumber(byte):
                let range = try cursor.number()
                return JSONCursor.integer(UnsafeRawBufferPointer(rebasing: cursor.bytes[range]))
            default:
                try cursor.skipValue()
                return nil
            }
        }

        /// A finite JSON number satisfying `isValid`, or nil (consumed) otherwise.
        private mutating func number(_ isValid: (Double) -> Bool) throws(JSONCursor.SyntaxError) -> Double? {
            switch cursor.peek() {
            case let byte? where Self.startsNumber(byte):
                guard let value = cursor.double(try cursor.number()), isValid(value) else { return nil }
                return value
            default:
                try cursor.skipValue()
                return nil
            }
        }

        private static func startsNumber(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10
        }

        /// Checks that a trade's symbol is a string naming the first trade's symbol.
        private mutating func checkSymbol(_ index: Int, _ problems: inout Problems) throws(JSONCursor.SyntaxError) {
            guard cursor.peek() == UInt8(ascii: "\"") else {
                try cursor.skipValue()
                problems.add("trades[\(index)].symbol", "must be a string")
                return
            }
            let token = try cursor.string()
            guard let symbol else {
                symbol = cursor.unescaped(token)
                return
            }
            if !token.hasEscapes && token.range.count == symbol.count
                && symbol.withUnsafeBytes({ memcmp($0.baseAddress!, cursor.bytes.baseAddress! + token.range.lowerBound, symbol.count) }) == 0 {
                return
            }
            // Another spelling: the same symbol when both normalise alike (`aapl`, ` AAPL `).
            let text = String(decoding: cursor.unescaped(token), as: UTF8.self)
            let firstText = String(decoding: symbol, as: UTF8.self)
            if normalizedSymbol == nil { normalizedSymbol = (try? SymbolClassifier.classify(firstText))?.normalized ?? firstText }
            guard (try? SymbolClassifier.classify(text))?.normalized ?? text != normalizedSymbol else { return }
            problems.add("trades[\(index)].symbol", "'\(text.prefix(40))' differs from '\(firstText.prefix(40))' of the first trade: one symbol per request")
        }
    }
}
