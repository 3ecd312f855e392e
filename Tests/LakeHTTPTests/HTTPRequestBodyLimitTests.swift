import Testing
@testable import LakeHTTP

/// Per-request body limits (a route's `maxSize`), for both framings, at every split of the
/// input: the default of 64 bytes in the test limits, raised or lowered per request.
@Suite struct HTTPRequestBodyLimitTests {
    static let body100 = String(repeating: "b", count: 100)
    static let chunked100 = "Transfer-Encoding: chunked\r\n\r\n32\r\n" + String(repeating: "b", count: 50) + "\r\n32\r\n"
        + String(repeating: "b", count: 50) + "\r\n0\r\n\r\n"

    /// (name, request after the Host line, per-request limit, expected body length or refusal status)
    static let cases: [(String, String, Int?, Int?, Int?)] = [
        ("Content-Length over the default", "Content-Length: 100\r\n\r\n" + body100, nil, nil, 413),
        ("Content-Length within a raised limit", "Content-Length: 100\r\n\r\n" + body100, 100, 100, nil),
        ("Content-Length one over a raised limit", "Content-Length: 100\r\n\r\n" + body100, 99, nil, 413),
        ("Content-Length over a lowered limit", "Content-Length: 20\r\n\r\n" + String(repeating: "b", count: 20), 10, nil, 413),
        ("chunked over the default", chunked100, nil, nil, 413),
        ("chunked within a raised limit", chunked100, 100, 100, nil),
        ("chunked crossing a raised limit in its second chunk", chunked100, 80, nil, 413),
        ("no body under a zero limit", "\r\n", 0, 0, nil),
    ]

    @Test(arguments: cases.indices)
    func bodyLimitHoldsAtEverySplit(index: Int) {
        let (name, rest, limit, length, status) = Self.cases[index]
        let input = Array(("POST /u HTTP/1.1\r\nHost: a\r\n" + rest).utf8)
        for cut in 0...input.count {
            let outcome = parse(input, cuts: [cut], bodyLimit: limit)
            #expect(outcome.errorStatus == status, "\(name), cut at \(cut)")
            #expect(outcome.requests.first.map { $0.body.utf8.count } == length, "\(name), cut at \(cut)")
        }
    }

    @Test func limitResetsToTheDefaultForTheNextRequest() {
        let input = Array(("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + Self.body100
            + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + Self.body100).utf8)
        var parser = HTTPRequestParser(limits: testLimits)
        var heads = 0, refused: Int?
        input.withUnsafeBytes { bytes in
            var offset = 0
            while true {
                do throws(HTTPParserError) {
                    let step = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                    offset += step.consumed
                    guard let event = step.event else { return }
                    if case .head = event {
                        heads += 1
                        if heads == 1 { try parser.limitBody(to: 1_000) }
                    }
                } catch {
                    refused = error.status.code
                    return
                }
            }
        }
        #expect(heads == 2)
        #expect(refused == 413, "the raised limit applied to the first request only")
    }

    @Test func remainingBodyBytesCountsDownAContentLengthBody() throws {
        var parser = HTTPRequestParser(limits: testLimits)
        let head = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabcd".utf8)
        try head.withUnsafeBytes { bytes in
            let step = try parser.parse(bytes)
            #expect(parser.remainingBodyBytes == 10)
            _ = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[step.consumed...]))
        }
        #expect(parser.remainingBodyBytes == 6)
        var chunked = HTTPRequestParser(limits: testLimits)
        try Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8).withUnsafeBytes { _ = try chunked.parse($0) }
        #expect(chunked.remainingBodyBytes == nil, "a chunked body's remainder is unknown")
    }
}
