// libFuzzer entry for HTTPRequestParser: the input is split into pieces whose sizes come
// from its first byte, so the fuzzer explores chunk boundaries as well as content.
// Built by Fuzz/run.sh together with the parser's source files.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let pieceSize = Int(data[0] % 32) + 1
    var limits = HTTPParserLimits()
    limits.maxRequestLineLength = 256
    limits.maxHeaderBytes = 1_024
    limits.maxHeaderCount = 16
    limits.maxBodySize = 4_096
    var parser = HTTPRequestParser(limits: limits)
    var start = 0
    var bodyBytes = 0
    // Odd first bytes also give every request its own body limit, as a streaming route does.
    let routeLimit = data[0] & 1 == 1 ? Int(data[0]) * 24 : nil
    var bodyLimit = limits.maxBodySize
    while start < input.count {
        let piece = UnsafeRawBufferPointer(rebasing: input[start..<min(start + pieceSize, input.count)])
        start += piece.count
        var offset = 0
        while true {
            guard let step = try? parser.parse(UnsafeRawBufferPointer(rebasing: piece[offset...])) else { return 0 }
            precondition(step.consumed <= piece.count - offset, "consumed more than given")
            offset += step.consumed
            guard let event = step.event else { break }
            if case .head = event {
                bodyLimit = routeLimit ?? limits.maxBodySize
                if let routeLimit { guard (try? parser.limitBody(to: routeLimit)) != nil else { return 0 } }
            }
            if case .body(let range) = event {
                precondition(range.upperBound <= piece.count - (offset - step.consumed), "body range outside the input")
                bodyBytes += range.count
                precondition(bodyBytes <= bodyLimit, "body limit not enforced")
            }
            if case .end = event { bodyBytes = 0 }
        }
        precondition(offset == piece.count, "input left unconsumed without an event")
    }
    return 0
}
