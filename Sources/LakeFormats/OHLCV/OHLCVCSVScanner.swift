/// Checks a CSV file as bars or trades while reading it once through a bounded buffer
/// (``CSVFileScanner``): the header must name the columns ``OHLCVMapping`` needs, and every
/// row must hold a time and numbers where ``OHLCVMapping`` would read them — with the same
/// errors, naming the line and column. Memory stays constant however large the file is.
///
/// ```swift
/// let rows = try OHLCVCSVScanner.scan(path: "bars.csv", as: .bars) { time, line in … }
/// ```
public enum OHLCVCSVScanner {
    /// What the rows must be.
    public enum Content: Sendable {
        /// time, open, high, low, close, volume (vwap, transactions, taker buy volume optional).
        case bars
        /// time, price, size.
        case trades
    }

    /// Scans the CSV file at `path`, calling `eachTime` with every row's time (epoch
    /// milliseconds) and line; returns the number of rows.
    /// - Throws: ``OHLCVError`` for a missing column or a bad value, `CSVError` for malformed
    ///   CSV, `ParquetError` for I/O or broken gzip, or whatever `eachTime` throws.
    public static func scan(path: String, as content: Content, eachTime: (_ time: Int64, _ line: Int) throws -> Void) throws -> Int {
        let scanner = try CSVFileScanner(path: path)
        let header = scanner.header
        func require(_ field: String, _ aliases: [String]) throws(OHLCVError) -> Int {
            guard let index = ColumnAliases.index(of: aliases, in: header) else {
                throw .missing(field, aliases: aliases, available: header)
            }
            return index
        }
        let time = try require("time", ColumnAliases.time)
        let required: [Int], optional: [Int]
        switch content {
        case .bars:
            required = try [("open", ColumnAliases.open), ("high", ColumnAliases.high), ("low", ColumnAliases.low),
                            ("close", ColumnAliases.close), ("volume", ColumnAliases.volume)].map { field, aliases throws(OHLCVError) in
                try require(field, aliases)
            }
            optional = [ColumnAliases.vwap, ColumnAliases.transactions, ColumnAliases.takerBuyVolume].compactMap {
                ColumnAliases.index(of: $0, in: header)
            }
        case .trades:
            required = try [("price", ColumnAliases.price), ("size", ColumnAliases.size)].map { field, aliases throws(OHLCVError) in
                try require(field, aliases)
            }
            optional = []
        }
        var record = CSVRecord()
        var rows = 0
        while let line = try scanner.nextRecord(into: &record) {
            let timeCell = record[time]
            guard !timeCell.isEmpty else { throw OHLCVError.badValue("missing time", column: header[time], line: line) }
            guard let milliseconds = OHLCVText.time(timeCell) else {
                throw OHLCVError.badValue(OHLCVText.timeProblem(timeCell), column: header[time], line: line)
            }
            for column in required {
                let cell = record[column]
                guard !cell.isEmpty else { throw OHLCVError.badValue("missing value", column: header[column], line: line) }
                guard OHLCVText.number(cell) != nil else {
                    throw OHLCVError.badValue(OHLCVText.numberProblem(cell), column: header[column], line: line)
                }
            }
            for column in optional where !record[column].isEmpty && OHLCVText.number(record[column]) == nil {
                throw OHLCVError.badValue(OHLCVText.numberProblem(record[column]), column: header[column], line: line)
            }
            try eachTime(milliseconds, line)
            rows += 1
        }
        return rows
    }
}
