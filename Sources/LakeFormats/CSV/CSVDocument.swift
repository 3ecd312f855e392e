import LakeCore

/// A parsed CSV file: a header and string columns (an empty field is null), with the line
/// each row started on so that later conversions can name it in errors.
///
/// ```swift
/// let document = try CSVDocument(bytes: Array("time,close\n2024-01-01,1.5\n".utf8))
/// document.table.column(named: "close")
/// ```
public struct CSVDocument: Sendable {
    /// One optional string column per header field.
    public let table: ColumnTable
    /// `lines[i]`: the 1-based line where row `i` starts.
    public let lines: [Int]

    /// Most bytes accepted after gzip decompression (default 4 GiB).
    public static let maximumInflatedSize = 4 << 30

    /// Parses CSV bytes (gzip-compressed input is detected and inflated). Every record must
    /// have as many fields as the header.
    public init(bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")) throws {
        let text = bytes.starts(with: [0x1F, 0x8B])
            ? try GzipStream.inflate(bytes, limit: Self.maximumInflatedSize) : bytes
        let parsed = try text.withUnsafeBytes { raw in try Self.parse(raw, separator: separator) }
        table = parsed.table
        lines = parsed.lines
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, separator: UInt8) throws(CSVError) -> (table: ColumnTable, lines: [Int]) {
        var tokenizer = CSVTokenizer(raw, separator: separator)
        var record = CSVRecord()
        guard try tokenizer.nextRecord(into: &record) != nil else { throw CSVError(line: 1, "no header row") }
        let names = try headerNames(record)
        var columns = names.map { _ in ByteArrayColumn() }
        var validity = names.map { _ in [Bool]() }
        var lines: [Int] = []
        while let line = try tokenizer.nextRecord(into: &record) {
            guard record.count == names.count else { throw fieldCountMismatch(line: line, record.count, names.count) }
            for index in 0..<record.count {
                let field = record[index]
                columns[index].append(field)
                validity[index].append(!field.isEmpty)
            }
            lines.append(line)
        }
        let table = ColumnTable(columns: names.indices.map { index in
            Column(descriptor: ColumnDescriptor(name: names[index], physicalType: .byteArray, logicalType: .string),
                   values: .bytes(columns[index]), validity: validity[index].contains(false) ? validity[index] : nil)
        }, rowCount: lines.count)
        return (table, lines)
    }

    /// The header record's names, trimmed. - Throws: `CSVError` for a repeated name.
    static func headerNames(_ record: CSVRecord) throws(CSVError) -> [String] {
        let names = (0..<record.count).map { String(decoding: record[$0], as: UTF8.self).trimmingSpaces() }
        if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CSVError(line: 1, column: duplicate, "duplicate header name")
        }
        return names
    }

    /// The error for a record of `count` fields under a header of `expected`.
    static func fieldCountMismatch(line: Int, _ count: Int, _ expected: Int) -> CSVError {
        CSVError(line: line, "\(count) fields, the header has \(expected)")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (header names are often padded).
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
