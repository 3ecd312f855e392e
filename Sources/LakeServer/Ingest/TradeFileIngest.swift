import Foundation
import LakeCore
import LakeFormats
import LakeHTTP

/// `candlelake ingest`'s work: a file of trades stored in the lake exactly as `POST
/// /v1/trades/ingest` stores a request body — the same validation, Parquet parts per UTC day,
/// catalog rows and idempotency record, with no server in between.
///
/// A `.json` file is seed 003's body (`{"trades": […]}` or a bare list). A `.csv` file has a
/// header naming `timestamp`, `price` and `volume` columns (and `symbol`, unless `symbol` is
/// given); its rows become that body.
///
/// ```swift
/// let outcome = try await TradeFileIngest.ingest(path: "trades.csv", symbol: "BTCUSDT", exchange: "BINANCE",
///                                                idempotencyKey: nil, into: lake)
/// print(String(decoding: outcome, as: UTF8.self))   // the same summary the API answers
/// ```
public enum TradeFileIngest {
    /// Stores the trades of the file at `path`; returns the summary as JSON.
    /// - Throws: ``HTTPError`` (400/413/422) naming the problem, as the API would answer it; I/O and store errors.
    public static func ingest(path: String, symbol: String?, exchange: String?, idempotencyKey: String?,
                              into lake: Lake) async throws -> [UInt8] {
        let isCSV = path.lowercased().hasSuffix(".csv") || path.lowercased().hasSuffix(".csv.gz")
        if !isCSV, symbol != nil {
            throw HTTPError(.badRequest, message: "--symbol applies to CSV files; a JSON body names its symbol in each trade")
        }
        let body: [UInt8]
        if isCSV {
            body = try jsonBody(csvAt: path, symbol: symbol)
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { throw HTTPError(.badRequest, message: "cannot read '\(path)'") }
            body = [UInt8](data)
        }
        guard body.count <= TradeIngestor.maximumBodyBytes else {
            throw HTTPError(.contentTooLarge, message: "'\(path)' holds more than one batch may (\(TradeIngestor.maximumBodyBytes) bytes of JSON); split it")
        }
        return try await TradeIngestor(lake: lake).ingest(body, idempotencyKey: idempotencyKey, exchange: exchange).response
    }

    /// The rows of a trades CSV as seed 003's JSON body, read a record at a time. Cells go
    /// through as JSON numbers when they are numbers and as strings otherwise, so the ingest
    /// parser judges them exactly as it judges a request (naming `trades[i].field`).
    static func jsonBody(csvAt path: String, symbol: String?) throws -> [UInt8] {
        let scanner: CSVFileScanner
        do {
            scanner = try CSVFileScanner(path: path)
        } catch {
            throw HTTPError(.badRequest, message: "cannot read '\(path)' as CSV: \(error)")
        }
        let names = scanner.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw HTTPError(.badRequest, message: "the CSV header has no '\(name)' column (it has \(names.joined(separator: ", ")))")
            }
            return index
        }
        let (time, price, volume) = (try column("timestamp"), try column("price"), try column("volume"))
        let symbolColumn = symbol == nil ? try column("symbol") : nil
        let fixedSymbol = symbol.map(JSONText.quote)
        var body = Array(#"{"trades":["#.utf8)
        var record = CSVRecord()
        var first = true
        do {
            while try scanner.nextRecord(into: &record) != nil {
                func cell(_ column: Int) -> String {
                    column < record.count ? String(decoding: record[column], as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
                }
                if !first { body.append(UInt8(ascii: ",")) }
                first = false
                let symbolJSON = fixedSymbol ?? JSONText.quote(cell(symbolColumn ?? 0))
                body += Array(#"{"timestamp":\#(number(cell(time))),"symbol":\#(symbolJSON),"price":\#(number(cell(price))),"volume":\#(number(cell(volume)))}"#.utf8)
                guard body.count <= TradeIngestor.maximumBodyBytes else { break }
            }
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError(.badRequest, message: "'\(path)' is not valid CSV: \(error)")
        }
        body += Array("]}".utf8)
        return body
    }

    /// A cell as a JSON number when it is written as one (`-?int(.digits)?(e±digits)?`), else as a
    /// JSON string, which the ingest parser then refuses for a numeric field with the field named.
    private static func number(_ text: String) -> String {
        isJSONNumber(Array(text.utf8)) ? text : JSONText.quote(text)
    }

    /// Whether `bytes` follow JSON's number grammar.
    static func isJSONNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let leading = index
        guard digits() > 0, bytes[leading] != UInt8(ascii: "0") || index - leading == 1 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
