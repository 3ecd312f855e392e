import Foundation
import LakeFormats
import LakeHTTP

/// A trades CSV file (`candlelake ingest FILE.csv`) as seed 003's JSON ingest body, read a record
/// at a time. Its header names `timestamp`, `price` and `volume` columns (and `symbol`, unless
/// one symbol is given). Cells go through as JSON numbers when they are written as numbers and
/// as strings otherwise, so that ``TradeBatchParser`` judges them exactly as it judges a
/// request, naming `trades[i].field`.
///
/// ```swift
/// let body = try TradeCSVBody.read(csvAt: "trades.csv", symbol: "AAPL", limit: TradeIngestor.maximumBodyBytes)
/// let parsed = try TradeBatchParser.parse(body)
/// ```
enum TradeCSVBody {
    /// The rows of the CSV file at `path` as a JSON body; `symbol` names every trade's symbol
    /// (otherwise the file has a `symbol` column). Reading stops once the body passes `limit`
    /// bytes, which the caller then refuses as too large.
    /// - Throws: ``HTTPError`` 400 naming the file's problem (unreadable, not CSV, a column missing).
    static func read(csvAt path: String, symbol: String?, limit: Int) throws -> [UInt8] {
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
                guard body.count <= limit else { break }
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
