import Foundation
import Testing
@testable import LakeFormats

/// ``CSVFileScanner`` reads what ``CSVDocument`` reads, with the same errors and lines,
/// whatever its buffer size: records that straddle a refill (quoted line breaks, `""` and
/// CRLF split across it) come out whole.
@Suite struct CSVFileScannerTests {
    static let bufferSizes = [32, 33, 37, 64, 1 << 20]

    /// Writes `bytes` to a temporary file and scans it with a buffer of `bufferSize` bytes.
    static func scan(_ bytes: [UInt8], bufferSize: Int) throws -> (header: [String], rows: [[String?]], lines: [Int]) {
        let path = try TemporaryFile(bytes)
        defer { path.remove() }
        let scanner = try CSVFileScanner(path: path.path, maximumRecordBytes: bufferSize)
        var record = CSVRecord()
        var rows: [[String?]] = [], lines: [Int] = []
        while let line = try scanner.nextRecord(into: &record) {
            rows.append((0..<record.count).map { record[$0].isEmpty ? nil : String(decoding: record[$0], as: UTF8.self) })
            lines.append(line)
        }
        return (scanner.header, rows, lines)
    }

    @Test(arguments: CSVTests.parsing, bufferSizes)
    func readsWhatTheDocumentReads(testCase: (String, String, [String], [[String?]]), bufferSize: Int) throws {
        let (name, input, header, rows) = testCase
        let scanned = try Self.scan(Array(input.utf8), bufferSize: bufferSize)
        #expect(scanned.header == header, "\(name)")
        #expect(scanned.rows == rows, "\(name)")
        #expect(scanned.lines == (try CSVDocument(bytes: Array(input.utf8))).lines, "\(name)")
    }

    @Test(arguments: CSVTests.failures, bufferSizes)
    func reportsTheSameErrorsAndLines(testCase: (String, String, Int, String), bufferSize: Int) {
        let (name, input, line, message) = testCase
        #expect("\(name)", performing: { _ = try Self.scan(Array(input.utf8), bufferSize: bufferSize) }, throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == line && error.description.contains(message)
        })
    }

    @Test func refusesARecordLongerThanItsBuffer() {
        let input = "a,b\n1,\"" + String(repeating: "x", count: 100) + "\"\n"
        #expect(performing: { _ = try Self.scan(Array(input.utf8), bufferSize: 64) }, throws: { error in
            (error as? CSVError)?.description == "csv: line 2: record longer than 64 bytes"
        })
    }

    @Test(arguments: [32, 1 << 20])
    func readsGzipIncludingConcatenatedMembers(bufferSize: Int) throws {
        let text = "time,close\n" + (0..<500).map { "2024-01-01T00:\(String(format: "%02d", $0 % 60)):00Z,\($0).5\n" }.joined()
        let half = text.index(text.startIndex, offsetBy: text.count / 2)
        let compressed = try CSVTests.gzip(String(text[..<half])) + CSVTests.gzip(String(text[half...]))
        let scanned = try Self.scan(compressed, bufferSize: bufferSize)
        #expect(scanned.rows.count == 500)
        #expect(scanned.rows.last == ["2024-01-01T00:19:00Z", "499.5"])
        #expect(scanned.lines.last == 501)
    }

    @Test func refusesTruncatedGzip() throws {
        let compressed = try CSVTests.gzip("time,close\n" + String(repeating: "2024-01-01T00:00:00Z,1.5\n", count: 200))
        #expect(throws: ParquetError.self) { _ = try Self.scan(Array(compressed.dropLast(12)), bufferSize: 64) }
    }
}

/// A file in the temporary directory holding given bytes.
struct TemporaryFile {
    let path: String

    init(_ bytes: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
