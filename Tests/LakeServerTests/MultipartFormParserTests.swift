@testable import LakeServer
import Testing

@Suite struct MultipartFormParserTests {
    struct Part: Equatable {
        var headers: MultipartPartHeaders
        var content: [UInt8] = []
    }

    /// Feeds `body` in the given chunk sizes and collects the parts.
    static func parse(_ body: [UInt8], boundary: String = "XyZ", splits: [Int]) throws -> [Part] {
        var parser = try MultipartFormParser(boundary: boundary)
        var parts: [Part] = []
        var start = 0
        for end in splits + [body.count] where end >= start {
            try parser.feed(body[start..<end]) { event in
                switch event {
                case .partStart(let headers): parts.append(Part(headers: headers))
                case .content(let bytes): parts[parts.count - 1].content.append(contentsOf: bytes)
                case .partEnd: break
                }
            }
            start = end
        }
        try parser.finish()
        return parts
    }

    static let cases: [(String, [Part])] = [
        ("--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nabc\r\n--XyZ--\r\n",
         [Part(headers: .init(name: "key"), content: Array("abc".utf8))]),
        ("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.csv\"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n1,2\r\n\r\n--XyZ\r\ncontent-disposition: form-data; name=key\r\n\r\n\r\n--XyZ--",
         [Part(headers: .init(name: "file", fileName: "a b.csv", contentType: "text/csv"), content: Array("x,y\r\n1,2\r\n".utf8)),
          Part(headers: .init(name: "key"), content: [])]),
        ("--XyZ  \r\nContent-Disposition: form-data; name=\"q\\\"x\"\r\n\r\n--X--XyZ-\r\n--XyZ--epilogue",
         [Part(headers: .init(name: "q\"x"), content: Array("--X--XyZ-".utf8))]),
        // A binary file holding CR, LF and delimiter prefixes, then the key after the file.
        ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + "\u{0}\r\n--Xy\r\r\n-\r\n--\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\ntimeframe=1m/x\r\n--XyZ--\r\n",
         [Part(headers: .init(name: "file", fileName: "b.bin", contentType: "application/octet-stream"),
               content: Array("\u{0}\r\n--Xy\r\r\n-\r\n--\r\n".utf8)),
          Part(headers: .init(name: "key"), content: Array("timeframe=1m/x".utf8))]),
    ]

    @Test(arguments: cases.indices)
    func partsAreTheSameAtEverySplit(index: Int) throws {
        let (text, expected) = Self.cases[index]
        let body = Array(text.utf8)
        #expect(try Self.parse(body, splits: []) == expected)
        for split in 0...body.count {
            #expect(try Self.parse(body, splits: [split]) == expected, "split at \(split)")
        }
        #expect(try Self.parse(body, splits: Array(0...body.count)) == expected, "byte by byte")
    }

    @Test(arguments: [
        ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc", "body ends before the closing boundary"),
        ("--XyZ\r\nContent-Type: text/plain\r\n\r\nabc\r\n--XyZ--", "part has no Content-Disposition: form-data header"),
        ("--XyZ\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--XyZ--", "part has no field name"),
        ("--XyZ\r\nbroken header\r\n\r\nabc\r\n--XyZ--", "malformed part header line"),
        ("--XyZX\r\n", "delimiter is not followed by CRLF"),
        ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n" + String(repeating: "X-Pad: 1234567890\r\n", count: 500) + "\r\n--XyZ--",
         "part headers exceed 8192 bytes"),
        (String(repeating: "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n", count: 33) + "--XyZ--", "more than 32 parts"),
    ])
    func malformedBodiesAreRefused(text: String, reason: String) {
        let body = Array(text.utf8)
        for split in [body.count] + Array(0..<body.count) {
            do {
                _ = try Self.parse(body, splits: [split])
                Issue.record("accepted with a split at \(split)")
            } catch {
                #expect("\(error)" == reason, "split at \(split)")
            }
        }
    }

    @Test(arguments: [
        ("multipart/form-data; boundary=abc", "abc"), ("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"", "a b;c"),
    ])
    func boundaryComesFromTheContentType(contentType: String, boundary: String) throws {
        let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--\(boundary)--".utf8)
        var parser = try MultipartFormParser(contentType: contentType)
        var content: [UInt8] = []
        try parser.feed(body) { if case .content(let bytes) = $0 { content += bytes } }
        try parser.finish()
        #expect(content == Array("v".utf8))
    }

    @Test(arguments: [("application/json", "Content-Type must be multipart/form-data"),
                      ("multipart/form-data", "Content-Type has no boundary parameter"),
                      ("multipart/form-data; boundary=" + String(repeating: "b", count: 71), "boundary must be 1–70 printable characters")])
    func badContentTypesAreRefused(contentType: String, reason: String) {
        #expect(throws: MultipartError(reason)) { try MultipartFormParser(contentType: contentType) }
    }

    @Test func largeContentStreamsWithoutHoldingItBack() throws {
        var parser = try MultipartFormParser(boundary: "B")
        var delivered = 0
        let head = Array("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n".utf8)
        try parser.feed(head) { _ in }
        let chunk = [UInt8](repeating: 0x41, count: 65_536)
        for round in 1...16 {
            try parser.feed(chunk) { if case .content(let bytes) = $0 { delivered += bytes.count } }
            // At most a delimiter's length minus one ("\r\n--B" is 5 bytes) is held back.
            #expect(delivered == round * 65_536 - 4)
        }
        try parser.feed(Array("\r\n--B--".utf8)) { if case .content(let bytes) = $0 { delivered += bytes.count } }
        try parser.finish()
        #expect(delivered == 16 * 65_536)
    }
}
