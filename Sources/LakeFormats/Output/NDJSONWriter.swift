/// Writes table rows as newline-delimited JSON objects: `{"name":value,…}\n` per row,
/// nulls as `null`, non-finite floats as strings.
public enum NDJSONWriter {
    /// Appends rows `rows` of `table` to `output`.
    public static func append(_ table: ColumnTable, rows: Range<Int>? = nil, to output: inout [UInt8]) {
        let keys = table.columns.map { column -> [UInt8] in
            var key: [UInt8] = []
            appendString(Array(column.name.utf8)[...], to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        var cell: [UInt8] = []
        for row in rows ?? 0..<table.rowCount {
            output.append(UInt8(ascii: "{"))
            for (index, column) in table.columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: keys[index])
                if column.isNull(row) {
                    output.append(contentsOf: "null".utf8)
                    continue
                }
                cell.removeAll(keepingCapacity: true)
                if CellFormatter.append(column, row: row, to: &cell) == .text {
                    appendString(cell[...], to: &output)
                } else {
                    output.append(contentsOf: cell)
                }
            }
            output.append(contentsOf: "}\n".utf8)
        }
    }

    /// Appends `text` (UTF-8) as a JSON string literal with the required escapes.
    public static func appendString(_ text: ArraySlice<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
