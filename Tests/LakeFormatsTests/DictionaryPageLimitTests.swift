@testable import LakeFormats
import Testing

/// A dictionary page's declared value count is checked against its bytes before anything is
/// reserved for it (found by Fuzz/run-modules.sh parquet: a page of a few bytes declaring
/// hundreds of millions of strings reserved a gigabyte).
@Suite struct DictionaryPageLimitTests {
    private static let page: [UInt8] = [3, 0, 0, 0, 0x61, 0x62, 0x63, 0] // "abc" and 1 spare byte

    /// (fixed width or nil for BYTE_ARRAY, declared count, accepted)
    @Test(arguments: [(nil as Int?, 268_435_456, false), (nil, -1, false), (nil, 3, false), (nil, 1, true),
                      (4, 3, false), (4, 2, true), (8, 1, true), (8, 2, false)])
    func byteArrayDictionaries(fixedWidth: Int?, count: Int, accepted: Bool) {
        var decoder = ByteArrayPageDecoder(rows: 0, fixedWidth: fixedWidth)
        Self.check(accepted) { bytes throws(ParquetError) in try decoder.loadDictionary(bytes, count: count) }
    }

    @Test(arguments: [(-1, false), (3, false), (2, true), (0, true)])
    func fixedWidthDictionaries(count: Int, accepted: Bool) {
        let output = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { output.deallocate() }
        var decoder = FixedWidthPageDecoder<Int32>(output: output)
        Self.check(accepted) { bytes throws(ParquetError) in try decoder.loadDictionary(bytes, count: count) }
    }

    /// Runs `load` on the page: it succeeds when `accepted`, else refuses the page as corrupt.
    private static func check(_ accepted: Bool, _ load: (UnsafeRawBufferPointer) throws(ParquetError) -> Void) {
        page.withUnsafeBytes { bytes in
            do throws(ParquetError) {
                try load(bytes)
                #expect(accepted)
            } catch {
                #expect(!accepted && error.kind == .corruptData, "\(error)")
            }
        }
    }
}
