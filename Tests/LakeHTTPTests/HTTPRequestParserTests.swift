import Testing
@testable import LakeHTTP

/// One row of the parser table: raw request bytes and what must come out.
struct ParserCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    /// Expected `(method target body)` per complete request, in order.
    let requests: [String]
    /// Expected refusal status, if the input must be refused.
    let status: Int?

    var testDescription: String { name }

    static func accept(_ name: String, _ input: String, _ requests: [String]) -> ParserCase {
        ParserCase(name: name, input: input, requests: requests, status: nil)
    }

    static func refuse(_ name: String, _ input: String, _ status: Int, after requests: [String] = []) -> ParserCase {
        ParserCase(name: name, input: input, requests: requests, status: status)
    }
}

let parserCases: [ParserCase] = [
    .accept("simple GET", "GET /health HTTP/1.1\r\nHost: a\r\n\r\n", ["GET /health "]),
    .accept("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", ["GET / "]),
    .accept("Content-Length body", "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", ["POST /u hello"]),
    .accept("zero Content-Length", "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", ["POST /u "]),
    .accept("chunked with extension and trailer",
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n",
            ["POST /c hello world"]),
    .accept("chunked uppercase hex and BWS before extension",
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nA ;x\r\n0123456789\r\n0\r\n\r\n", ["POST /c 0123456789"]),
    .accept("pipelined requests", "GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nokGET /c HTTP/1.1\r\nHost: a\r\n\r\n",
            ["GET /a ", "POST /b ok", "GET /c "]),
    .accept("leading empty line", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", ["GET / "]),
    .accept("OPTIONS asterisk", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", ["OPTIONS * "]),
    .accept("absolute-form target", "GET http://a/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n", ["GET http://a/x?y=1 "]),
    .accept("value whitespace trimmed, obs-text kept", "GET / HTTP/1.1\r\nHost: a\r\nX:  v \t\r\nY: caf\u{E9}\r\n\r\n", ["GET / "]),
    .accept("empty header value", "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n", ["GET / "]),
    .accept("HEAD", "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", ["HEAD / "]),
    .accept("Expect 100-continue", "PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx", ["PUT /f x"]),
    .accept("extension method token", "PURGE /x HTTP/1.1\r\nHost: a\r\n\r\n", ["PURGE /x "]),

    .refuse("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    .refuse("duplicate Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
    .refuse("Content-Length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\nx", 400),
    .refuse("Content-Length with plus sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\nx", 400),
    .refuse("Content-Length negative", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
    .refuse("Content-Length hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x1\r\n\r\nx", 400),
    .refuse("Content-Length overflow", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
    .refuse("Content-Length over the body limit", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\n\r\n", 413),
    .refuse("invalid chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    .refuse("empty chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n;x\r\n", 400),
    .refuse("overflowing chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", 413),
    .refuse("chunks over the body limit", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "x", count: 64) + "\r\n1\r\n", 413),
    .refuse("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", 400),
    .refuse("bare LF in chunk line", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\r\n", 400),
    .refuse("chunk line too long", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 40) + "\r\n", 400),
    .refuse("Transfer-Encoding not ending in chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
    .refuse("chunked then gzip", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
    .refuse("chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    .refuse("unsupported coding before chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
    .refuse("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    .refuse("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", 400),
    .refuse("bare LF after request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
    .refuse("bare CR after request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
    .refuse("bare LF in header", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400),
    .refuse("bare CR in header value", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400),
    .refuse("bare LF ends the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400),
    .refuse("whitespace before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
    .refuse("NUL in header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),
    .refuse("control character in header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{1}b\r\n\r\n", 400),
    .refuse("DEL in header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}\r\n\r\n", 400),
    .refuse("invalid header name", "GET / HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\r\n", 400),
    .refuse("empty header name", "GET / HTTP/1.1\r\nHost: a\r\n: 1\r\n\r\n", 400),
    .refuse("missing Host on HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", 400),
    .refuse("duplicate Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    .refuse("invalid Host", "GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400),
    .refuse("invalid method character", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("control character in target", "GET /a\u{1}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("fragment in target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("relative target", "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("asterisk target with GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("two spaces after method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("target too long", "GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    .refuse("header section too large", "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 300) + "\r\n\r\n", 431),
    .refuse("too many header fields", "GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X: 1\r\n", count: 9) + "\r\n", 431),
    .refuse("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
    .refuse("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505),
    .refuse("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
    .refuse("long version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400),
    .refuse("missing version", "GET /\r\nHost: a\r\n\r\n", 400),
    .refuse("unsupported expectation", "GET / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n", 417),
    .refuse("bad request after a good one", "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n\r\n", 400, after: ["GET /a "]),
]

@Suite struct HTTPRequestParserTests {
    private func summary(_ outcome: ParseOutcome) -> [String] {
        outcome.requests.map { "\($0.method) \($0.target) \($0.body)" }
    }

    @Test(arguments: parserCases)
    func parsesWholeInput(_ row: ParserCase) {
        let outcome = parse(Array(row.input.utf8))
        #expect(summary(outcome) == row.requests)
        #expect(outcome.errorStatus == row.status)
    }

    @Test(arguments: parserCases)
    func givesTheSameResultSplitAtEveryByteBoundary(_ row: ParserCase) {
        let input = Array(row.input.utf8)
        let whole = parse(input)
        for cut in 1..<input.count {
            let split = parse(input, cuts: [cut])
            #expect(split == whole, "split at \(cut)")
            if split != whole { return }
        }
        #expect(parse(input, cuts: Array(1..<input.count)) == whole, "byte by byte")
    }

    @Test func recordsHeadersLowercasedAndTrimmed() throws {
        let outcome = parse(Array("GET / HTTP/1.1\r\nHost: a\r\nX-Thing:  v w \t\r\n\r\n".utf8))
        let request = try #require(outcome.requests.first)
        #expect(request.headers == ["host=a", "x-thing=v w"])
    }

    @Test func recordsTrailers() throws {
        let outcome = parse(Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Sum: 9\r\n\r\n".utf8))
        #expect(try #require(outcome.requests.first).trailers == ["x-sum=9"])
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
    ])
    func decidesKeepAlive(_ input: String, _ keepAlive: Bool) throws {
        #expect(try #require(parse(Array(input.utf8)).requests.first).keepAlive == keepAlive)
    }

    @Test func reportsExpectContinue() throws {
        let outcome = parse(Array("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx".utf8))
        #expect(try #require(outcome.requests.first).expectsContinue)
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser(limits: testLimits)
        let bad = Array("BAD\u{1} / HTTP/1.1\r\n".utf8)
        #expect(throws: HTTPParserError.self) { try bad.withUnsafeBytes { _ = try parser.parse($0) } }
        let good = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        #expect(throws: HTTPParserError.self) { try good.withUnsafeBytes { _ = try parser.parse($0) } }
    }

    @Test func defaultLimitsAreDocumentedValues() {
        let limits = HTTPParserLimits()
        #expect(limits.maxRequestLineLength == 8192)
        #expect(limits.maxHeaderBytes == 16384)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodySize == 16 * 1024 * 1024)
    }
}
