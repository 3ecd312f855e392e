import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery

/// A CSV file of symbol reference data for the catalog (`candlelake catalog load-symbols`):
/// who an instrument is, which the lake's keys cannot tell (name, type, sector, whether it
/// still trades).
///
/// ```
/// symbol,exchange,name,type,sector,active
/// NSE_CIPLA-EQ,NSE,Cipla Ltd,equity,Healthcare,true
/// BTCUSDT,BINANCE,Bitcoin / Tether,crypto,,
/// ```
///
/// `symbol` and `exchange` are required and must be valid lake identifiers; `name`, `type`,
/// `sector` may be empty; `active` is `true`/`false` (`1`/`0`, `yes`/`no`; empty: true);
/// optional `first_bar`/`last_bar` (`YYYY-MM-DD`, RFC 3339 or epoch ms) override the lake's
/// own coverage. Unknown columns are refused so that a misspelt header is not ignored.
public enum SymbolReferenceFile {
    /// The columns a file may have.
    public static let columns = ["symbol", "exchange", "name", "type", "sector", "active", "first_bar", "last_bar"]
    /// The largest file accepted (a million instruments fit in far less).
    public static let maximumBytes = 64 << 20

    /// The records of a file.
    /// - Throws: ``SymbolReferenceFileError`` naming the line and column at fault.
    public static func parse(_ bytes: [UInt8]) throws -> [SymbolReference] {
        guard bytes.count <= maximumBytes else { throw SymbolReferenceFileError(line: nil, "file is larger than \(maximumBytes) bytes") }
        let document: CSVDocument
        do {
            document = try CSVDocument(bytes: bytes)
        } catch {
            throw SymbolReferenceFileError(line: nil, "\(error)")
        }
        let table = document.table
        for column in table.columns where !columns.contains(column.name) {
            throw SymbolReferenceFileError(line: 1, "unknown column '\(column.name)' (known: \(columns.joined(separator: ", ")))")
        }
        func text(_ name: String, _ row: Int) -> String? {
            guard let column = table.column(named: name), !column.isNull(row), case .bytes(let values) = column.values else { return nil }
            let value = values.string(at: row)
            return value.isEmpty ? nil : value
        }
        return try document.lines.indices.map { row in
            let line = document.lines[row]
            guard let symbol = text("symbol", row), let exchange = text("exchange", row) else {
                throw SymbolReferenceFileError(line: line, "symbol and exchange are required")
            }
            do {
                try LayoutIdentifier.validateSymbol(symbol)
                try LayoutIdentifier.validateExchange(exchange)
            } catch let error as LayoutError {
                throw SymbolReferenceFileError(line: line, error.reason)
            }
            return SymbolReference(symbol: symbol, exchange: exchange, name: text("name", row), type: text("type", row),
                                   sector: text("sector", row), active: try active(text("active", row), line: line),
                                   firstBar: try time(text("first_bar", row), column: "first_bar", line: line),
                                   lastBar: try time(text("last_bar", row), column: "last_bar", line: line))
        }
    }

    private static func active(_ text: String?, line: Int) throws -> Bool {
        switch text?.lowercased() {
        case nil, "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw SymbolReferenceFileError(line: line, "active '\(text!.prefix(20))' is not true or false")
        }
    }

    private static func time(_ text: String?, column: String, line: Int) throws -> Int64? {
        guard let text else { return nil }
        guard let time = RequestTime.start(text) else {
            throw SymbolReferenceFileError(line: line, "\(column) '\(text.prefix(40))' is not YYYY-MM-DD, RFC 3339 or epoch milliseconds")
        }
        return time
    }
}

/// Why a reference file cannot be loaded: the line (1 is the header) and the problem.
public struct SymbolReferenceFileError: Error, CustomStringConvertible, Sendable {
    /// The 1-based line, when one is at fault.
    public let line: Int?
    /// The problem.
    public let reason: String

    init(line: Int?, _ reason: String) {
        (self.line, self.reason) = (line, reason)
    }

    /// `line 3: symbol and exchange are required`.
    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}
