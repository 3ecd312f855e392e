import Foundation
import Testing
@testable import LakeFormats

/// ``OHLCVCSVScanner`` accepts what ``OHLCVMapping`` accepts and refuses the rest with the
/// same error, naming line and column.
@Suite struct OHLCVCSVScannerTests {
    static let header = "timestamp,open,high,low,close,volume,vwap\n"
    /// (case, CSV, expected error or nil)
    static let cases: [(String, String, String?)] = [
        ("epoch ms and RFC 3339", header + "1762164000000,1,2,0.5,1.5,10,\n2025-11-03T09:01:00Z, 1 ,2,0.5,1.5,1e3,1.2\n", nil),
        ("aliases", "t,o,h,l,c,v\n1762164000,1,2,0.5,1.5,10\n", nil),
        ("missing volume column", "time,open,high,low,close\n1,1,1,1,1\n", "no volume column"),
        ("bad time", header + "1762164000000,1,2,0.5,1.5,10,\nyesterday,1,2,0.5,1.5,10,\n", "line 3, column timestamp: 'yesterday' is not an RFC 3339 time or epoch number"),
        ("missing time", header + ",1,2,0.5,1.5,10,\n", "line 2, column timestamp: missing time"),
        ("missing price", header + "1762164000000,1,,0.5,1.5,10,\n", "line 2, column high: missing value"),
        ("bad number", header + "1762164000000,1,2,0.5,1.5,ten,\n", "line 2, column volume: 'ten' is not a number"),
        ("bad optional number", header + "1762164000000,1,2,0.5,1.5,10,n/a\n", "line 2, column vwap: 'n/a' is not a number"),
    ]

    @Test(arguments: cases)
    func checksRowsAsTheMappingDoes(name: String, csv: String, expected: String?) throws {
        let file = try TemporaryFile(Array(csv.utf8))
        defer { file.remove() }
        var scanError: String?
        var times: [Int64] = []
        do {
            _ = try OHLCVCSVScanner.scan(path: file.path, as: .bars) { time, _ in times.append(time) }
        } catch {
            scanError = "\(error)"
        }
        var mappingError: String?
        var mapped: [Int64] = []
        do {
            let document = try CSVDocument(bytes: Array(csv.utf8))
            mapped = try OHLCVMapping.bars(from: document.table, lines: document.lines).time
        } catch {
            mappingError = "\(error)"
        }
        if let expected {
            #expect(scanError?.contains(expected) == true, "\(name): \(scanError ?? "accepted")")
            #expect(mappingError == scanError, "\(name): the mapping says \(mappingError ?? "nothing")")
        } else {
            #expect(scanError == nil, "\(name)")
            #expect(times == mapped, "\(name)")
        }
    }

    @Test func tradesNeedPriceAndSize() throws {
        let file = try TemporaryFile(Array("time,price\n2025-11-03T09:00:00Z,1\n".utf8))
        defer { file.remove() }
        #expect(performing: { _ = try OHLCVCSVScanner.scan(path: file.path, as: .trades) { _, _ in } }, throws: { error in
            "\(error)".contains("no size column")
        })
    }
}
