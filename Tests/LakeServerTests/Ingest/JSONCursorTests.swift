@testable import LakeServer
import Testing

/// The JSON reader under the ingest parser: RFC 8259's grammar, string escapes, number
/// values, and where it stops on text that is not JSON.
@Suite struct JSONCursorTests {
    /// Skips one whole document; the offset of the syntax error, or nil when it is JSON.
    static func errorOffset(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBytes { raw -> Int? in
            var cursor = JSONCursor(raw)
            do {
                try cursor.skipValue()
                try cursor.finish()
                return nil
            } catch let error as JSONCursor.SyntaxError {
                return error.offset
            } catch {
                return -1
            }
        }
    }

    @Test(arguments: [
        ("0", nil), ("-0", nil), ("1.5e-3", nil), ("10E+2", nil), (#"{"a": [1, "x", null, true, false, {}]}"#, nil), (" [ ] ", nil),
        ("01", 2), ("1.", 2), (".5", 0), ("1e", 2), ("-", 1), ("+1", 0), ("[1,]", 3), ("[1 2]", 3), (#"{"a" 1}"#, 5),
        (#"{"a": 1,}"#, 8), (#""\x""#, 2), ("\"a\u{1}\"", 2), (#""\u12G4""#, 2), ("tru", 0), ("[", 1), ("", 0), ("1 2", 2),
    ] as [(String, Int?)])
    func grammar(text: String, offset: Int?) {
        #expect(Self.errorOffset(text) == offset, "\(text)")
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let depth = JSONCursor.maximumDepth
        #expect(Self.errorOffset(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) == nil)
        #expect(Self.errorOffset(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)) == depth)
    }

    @Test(arguments: [
        (#""plain""#, "plain"), (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
        (#""caf\u00e9 \u20AC""#, "café €"), (#""\ud83d\ude00!""#, "😀!"),
    ])
    func stringsAreUnescaped(text: String, expected: String) throws {
        let value = try Array(text.utf8).withUnsafeBytes { raw in
            var cursor = JSONCursor(raw)
            return cursor.unescaped(try cursor.string())
        }
        #expect(String(decoding: value, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        ("190.5", 190.5 as Double?, nil as Int64?), ("1735810200000", 1_735_810_200_000, 1_735_810_200_000), ("-3", -3, -3),
        ("9223372036854775807", 9.223372036854775807e18, Int64.max), ("9223372036854775808", 9.223372036854775808e18, nil),
        ("1e400", nil, nil), ("2.5E2", 250, nil),
    ])
    func numbersReadAsDoublesAndIntegers(text: String, double: Double?, integer: Int64?) throws {
        let values = try Array(text.utf8).withUnsafeBytes { raw in
            var cursor = JSONCursor(raw)
            let range = try cursor.number()
            return (cursor.double(range), JSONCursor.integer(UnsafeRawBufferPointer(rebasing: raw[range])))
        }
        #expect(values.0 == double && values.1 == integer, "\(text)")
    }
}
