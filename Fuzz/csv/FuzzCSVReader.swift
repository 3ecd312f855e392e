import LakeFormats

/// libFuzzer entry: any bytes as an uploaded CSV file, read both ways the product reads one —
/// whole (``CSVDocument``, uploads and lake parts) and streamed through a small window
/// (``CSVFileScanner``, `candlelake ingest FILE.csv`). The first byte picks the separator and
/// the window size. Each must give records or a typed error; when both read the file they
/// agree record for record; and a comma-separated document written back by ``CSVWriter``
/// (which writes commas only) reads the same.
/// Built by Fuzz/run-modules.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let separator = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][Int(data[0] & 3)]
    let window = 16 + Int(data[0] >> 2) * 4
    let input = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let document = try? CSVDocument(bytes: Array(input), separator: separator)
    let scanned = scan(input, separator: separator, window: window)
    if let document, let scanned {
        require(scanned.header == document.table.columns.map(\.name), "headers differ: \(scanned.header)")
        require(scanned.lines == document.lines, "records differ: \(scanned.lines) vs \(document.lines)")
        require(scanned.text == fields(of: document, separator: separator), "fields differ")
    }
    if document == nil, scanned != nil { propertyFailed("the scanner read what the document refused") }
    if let document, separator == UInt8(ascii: ",") {
        let text = written(document.table)
        guard let again = try? CSVDocument(bytes: text) else { propertyFailed("written CSV refused: \(text)") }
        require(written(again.table) == text, "round trip changed the table: \(text)")
    }
    return 0
}

/// `table` as ``CSVWriter`` writes it.
private func written(_ table: ColumnTable) -> [UInt8] {
    var output: [UInt8] = []
    CSVWriter.appendHeader(table, to: &output)
    CSVWriter.append(table, to: &output)
    return output
}

/// The file's header, record lines and records (written as CSV) through a scanner whose buffer
/// holds `window` bytes; nil when it refuses the file.
private func scan(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, window: Int) -> (header: [String], lines: [Int], text: [UInt8])? {
    withTemporaryFile(bytes) { path in
        var record = CSVRecord(), lines: [Int] = [], text: [UInt8] = []
        do {
            let scanner = try CSVFileScanner(path: path, separator: separator, maximumRecordBytes: window)
            while let line = try scanner.nextRecord(into: &record) {
                lines.append(line)
                append((0..<record.count).map { record[$0] }, separator: separator, to: &text)
            }
            return (scanner.header, lines, text)
        } catch {
            return nil
        }
    }
}

/// The records of `document` written as ``scan`` writes them.
private func fields(of document: CSVDocument, separator: UInt8) -> [UInt8] {
    var output: [UInt8] = []
    let table = document.table
    for row in 0..<table.rowCount {
        append(table.columns.map { column in
            guard !column.isNull(row), case .bytes(let values) = column.values else { return [] }
            return values[row]
        }, separator: separator, to: &output)
    }
    return output
}

private func append(_ fields: [ArraySlice<UInt8>], separator: UInt8, to output: inout [UInt8]) {
    for (index, field) in fields.enumerated() {
        if index > 0 { output.append(separator) }
        CSVWriter.appendField(field, to: &output)
    }
    output.append(UInt8(ascii: "\n"))
}
