@testable import LakeHTTP

/// A request as the parser delivered it, flattened for comparison.
struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var version: String
    var keepAlive: Bool
    var expectsContinue: Bool
    var headers: [String]
    var body: String
    var trailers: [String]

    var description: String { "\(method) \(target) \(version) keepAlive=\(keepAlive) headers=\(headers) body=\(body.debugDescription) trailers=\(trailers)" }
}

/// What parsing a byte string led to: the complete requests, then possibly an error.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var errorStatus: Int?

    var description: String { "\(requests) error=\(errorStatus.map(String.init) ?? "none")" }
}

/// Limits small enough that the table can reach each of them with short inputs.
let testLimits: HTTPParserLimits = {
    var limits = HTTPParserLimits()
    limits.maxRequestLineLength = 64
    limits.maxHeaderBytes = 256
    limits.maxHeaderCount = 8
    limits.maxBodySize = 64
    limits.maxChunkLineLength = 32
    return limits
}()

/// Feeds `input` to a fresh parser in pieces cut at `cuts` and collects what it reports.
/// With `bodyLimit`, each request's body limit is set right after its head, as a connection
/// does for a route with its own limit.
func parse(_ input: [UInt8], cuts: [Int] = [], limits: HTTPParserLimits = testLimits, bodyLimit: Int? = nil) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var current: ParsedRequest?
    var bounds = [0] + cuts + [input.count]
    bounds = bounds.enumerated().filter { $0.offset == 0 || $0.element > bounds[$0.offset - 1] }.map(\.element)
    for (start, end) in zip(bounds, bounds.dropFirst()) {
        let piece = Array(input[start..<end])
        var offset = 0
        while true {
            let step: HTTPParserStep
            do {
                step = try piece.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            } catch {
                outcome.errorStatus = (error as? HTTPParserError)?.status.code ?? -1
                return outcome
            }
            let base = offset
            offset += step.consumed
            guard let event = step.event else { break }
            switch event {
            case .head(let head):
                if let bodyLimit {
                    do {
                        try parser.limitBody(to: bodyLimit)
                    } catch {
                        outcome.errorStatus = error.status.code
                        return outcome
                    }
                }
                current = ParsedRequest(method: head.method.rawValue, target: head.target, version: head.version.description,
                                        keepAlive: head.keepAlive, expectsContinue: head.expectsContinue,
                                        headers: head.headers.map { "\($0.name)=\($0.value)" }, body: "", trailers: [])
            case .body(let range):
                current?.body += String(decoding: piece[(base + range.lowerBound)..<(base + range.upperBound)], as: UTF8.self)
            case .end(let trailers):
                current?.trailers = trailers.map { "\($0.name)=\($0.value)" }
                if let current { outcome.requests.append(current) }
                current = nil
            }
        }
    }
    return outcome
}
