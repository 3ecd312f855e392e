/// Writes tables as RFC 4180 CSV: a header, CRLF-free `\n` line ends, fields quoted only
/// when they need it (see ``appendField(_:to:)``); nulls as empty fields. A line whose one
/// field is empty (a one-column table) is written `""`: a blank line is no record to a reader
/// (ours, pandas, DuckDB), so the row or header would be lost.
public enum CSVWriter {
    /// Appends the header line.
    public static func appendHeader(_ table: ColumnTable, to output: inout [UInt8]) {
        let lineStart = output.count
        for (index, column) in table.columns.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendField(Array(column.name.utf8)[...], to: &output)
        }
        endLine(startedAt: lineStart, of: table, in: &output)
    }

    /// Appends rows `rows` (all by default).
    public static func append(_ table: ColumnTable, rows: Range<Int>? = nil, to output: inout [UInt8]) {
        var cell: [UInt8] = []
        for row in rows ?? 0..<table.rowCount {
            let lineStart = output.count
            for (index, column) in table.columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                guard !column.isNull(row) else { continue }
                cell.removeAll(keepingCapacity: true)
                _ = CellFormatter.append(column, row: row, to: &cell)
                appendField(cell[...], to: &output)
            }
            endLine(startedAt: lineStart, of: table, in: &output)
        }
    }

    /// Ends the line begun at `lineStart`, quoting it first when it holds one empty field.
    private static func endLine(startedAt lineStart: Int, of table: ColumnTable, in output: inout [UInt8]) {
        if output.count == lineStart, table.columns.count == 1 { output += [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
        output.append(UInt8(ascii: "\n"))
    }

    /// Appends one field, quoted (with doubled quotes) when it needs to be — also when it starts
    /// with U+FEFF, which at the start of a file a reader takes for a byte order mark and drops.
    public static func appendField(_ field: ArraySlice<UInt8>, to output: inout [UInt8]) {
        let needsQuotes = field.starts(with: [0xEF, 0xBB, 0xBF])
            || field.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            output.append(contentsOf: field)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in field {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
