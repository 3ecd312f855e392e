import Foundation
import Testing
import LakeCore
@testable import LakeFormats

@Suite struct CSVTests {
    /// (case, input, expected rows as optional strings per column, header)
    static let parsing: [(String, String, [String], [[String?]])] = [
        ("plain LF", "a,b\n1,2\n3,4\n", ["a", "b"], [["1", "2"], ["3", "4"]]),
        ("CRLF without final newline", "a,b\r\n1,2\r\n3,4", ["a", "b"], [["1", "2"], ["3", "4"]]),
        ("bare CR", "a,b\r1,2\r", ["a", "b"], [["1", "2"]]),
        ("quoted separator and escaped quotes", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", ["a", "b"], [["x,y", "say \"hi\""]]),
        ("newline inside quotes", "a,b\n\"line1\nline2\",z\n", ["a", "b"], [["line1\nline2", "z"]]),
        ("empty fields are null", "a,b,c\n,2,\n", ["a", "b", "c"], [[nil, "2", nil]]),
        ("quoted empty is null too", "a\n\"\"\n", ["a"], [[nil]]),
        ("blank lines skipped", "a\n\n1\n\r\n2\n", ["a"], [["1"], ["2"]]),
        ("BOM and padded header", "\u{FEFF} a ,b\n1,2\n", ["a", "b"], [["1", "2"]]),
        ("unicode", "name\n✓ Zürich\n", ["name"], [["✓ Zürich"]]),
    ]

    @Test(arguments: parsing)
    func parsesRFC4180(name: String, input: String, header: [String], rows: [[String?]]) throws {
        let document = try CSVDocument(bytes: Array(input.utf8))
        #expect(document.table.columns.map(\.name) == header, "\(name)")
        let got = (0..<document.table.rowCount).map { row in
            document.table.columns.map { column -> String? in
                guard !column.isNull(row), case .bytes(let values) = column.values else { return nil }
                return values.string(at: row)
            }
        }
        #expect(got == rows, "\(name)")
    }

    static let failures: [(String, String, Int, String)] = [
        ("unterminated quote", "a,b\n1,\"open\n2,3\n", 2, "unterminated"),
        ("text after closing quote", "a\n\"x\"y\n", 2, "after the closing quote"),
        ("too few fields", "a,b\n1,2\n3\n", 3, "1 fields"),
        ("too many fields", "a,b\n1,2,3\n", 2, "3 fields"),
        ("quote in unquoted field", "a\nab\"c\n", 2, "quote inside"),
        ("duplicate header", "a,a\n1,2\n", 1, "duplicate"),
        ("empty input", "", 1, "no header"),
    ]

    @Test(arguments: failures)
    func reportsTheLineOfBadRows(name: String, input: String, line: Int, message: String) {
        #expect {
            _ = try CSVDocument(bytes: Array(input.utf8))
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == line && error.description.contains(message)
        }
    }

    @Test func linesCountPhysicalLinesIncludingQuotedBreaks() throws {
        let document = try CSVDocument(bytes: Array("a,b\n\"x\ny\",1\n\n2,3\n".utf8))
        #expect(document.lines == [2, 5])
    }

    @Test func readsGzipInputIncludingConcatenatedMembers() throws {
        let first = try Self.gzip("time,close\n2024-01-01T00:00:00Z,1.5\n")
        let second = try Self.gzip("2024-01-01T00:01:00Z,2.5\n")
        let document = try CSVDocument(bytes: first + second)
        #expect(document.table.rowCount == 2)
        #expect(document.lines == [2, 3])
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        let table = ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: "s", physicalType: .byteArray, logicalType: .string),
                   values: .bytes(ByteArrayColumn(strings: ["plain", "a,b", "say \"hi\"", "two\nlines", ""])),
                   validity: [true, true, true, true, false]),
            Column(descriptor: ColumnDescriptor(name: "x", physicalType: .double, repetition: .required),
                   values: .double([1, 0.1, 1e21, -2.5, 3])),
        ], rowCount: 5)
        var output: [UInt8] = []
        CSVWriter.appendHeader(table, to: &output)
        CSVWriter.append(table, to: &output)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text == "s,x\nplain,1.0\n\"a,b\",0.1\n\"say \"\"hi\"\"\",1e+21\n\"two\nlines\",-2.5\n,3.0\n")
        // And back: what we write, we read.
        let back = try CSVDocument(bytes: output)
        guard case .bytes(let strings) = back.table.columns[0].values else { Issue.record("not strings"); return }
        #expect(strings.string(at: 2) == "say \"hi\"")
        #expect(back.table.columns[0].isNull(4))
    }

    /// (case, the one column's name, its cells: nil is null), written and read back unchanged
    /// (cases found by Fuzz/run-modules.sh csv): a line of one empty field must not be written as
    /// a blank line, which reads as no record, nor a name that starts with U+FEFF as a byte
    /// order mark, which a reader skips.
    static let oneColumnTables: [(String, String, [String?])] = [
        ("null between values", "a", ["x", nil, "y"]),
        ("only nulls", "a", [nil, nil]),
        ("empty header name", "", ["x"]),
        ("header name starting with U+FEFF", "\u{FEFF}a", ["x"]),
    ]

    @Test(arguments: oneColumnTables)
    func writerWritesWhatReadsBack(name: String, header: String, cells: [String?]) throws {
        let table = ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: header, physicalType: .byteArray, logicalType: .string),
                   values: .bytes(ByteArrayColumn(strings: cells.map { $0 ?? "" })), validity: cells.map { $0 != nil }),
        ], rowCount: cells.count)
        var output: [UInt8] = []
        CSVWriter.appendHeader(table, to: &output)
        CSVWriter.append(table, to: &output)
        let back = try CSVDocument(bytes: output)
        #expect(back.table.columns.map(\.name) == [header], "\(name)")
        #expect(back.table.rowCount == cells.count, "\(name)")
        #expect((0..<back.table.rowCount).map { back.table.columns[0].isNull($0) } == cells.map { $0 == nil }, "\(name)")
    }

    /// gzip via Python-free zlib: `gzip` CLI keeps the test independent of Foundation APIs.
    static func gzip(_ text: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
