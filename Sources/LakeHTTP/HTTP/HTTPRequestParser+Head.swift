extension HTTPRequestParser {
    /// Validates the request line and the framing headers and decides how the body is
    /// delimited (RFC 9112 §3, §6, §7). Every ambiguity is an error, never a guess.
    func makeHead(headers: HTTPHeaders) throws(HTTPParserError) -> HTTPRequestHead {
        let version = try parseVersion()
        let method = HTTPMethod(string(methodStart..<methodEnd))
        let target = string(targetStart..<targetEnd)
        try validateTarget(target, method: method)

        // One pass over the fields (names are already lowercase) collects what framing needs.
        var hosts = 0, host: String?, lengths: [String] = [], codings: [String] = [], expect: String?
        var connectionTokens: [Substring] = []
        for (name, value) in headers.fields {
            switch name {
            case "host": hosts += 1; host = value
            case "content-length": lengths.append(value)
            case "transfer-encoding": codings.append(value)
            case "expect": expect = value
            case "connection": connectionTokens += value.split(separator: ",").map(\.trimmingSpaces)
            default: break
            }
        }
        if hosts > 1 { throw .badRequest("duplicate Host header") }
        if version == .http1_1 && hosts == 0 { throw .badRequest("missing Host header") }
        if let host, !HTTPCharacterClass.all(of: host, are: HTTPCharacterClass.isHost) { throw .badRequest("invalid Host header") }

        let framing = try bodyFraming(lengths: lengths, codings: codings, version: version)
        var expectsContinue = false
        if let expect {
            guard HTTPHeaders.namesMatch(expect, "100-continue") else {
                throw HTTPParserError(.expectationFailed, "unsupported expectation '\(expect)'")
            }
            expectsContinue = version == .http1_1
        }
        func hasToken(_ token: String) -> Bool { connectionTokens.contains { HTTPHeaders.namesMatch(String($0), token) } }
        let keepAlive = version == .http1_1 ? !hasToken("close") : hasToken("keep-alive")
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers,
                               keepAlive: keepAlive, expectsContinue: expectsContinue, framing: framing)
    }

    private func parseVersion() throws(HTTPParserError) -> HTTPVersion {
        let end = buffer.count
        // "HTTP/1.1" then CR LF CR LF ... the version ends at the CR of the request line.
        var versionEnd = versionStart
        while versionEnd < end && buffer[versionEnd] != UInt8(ascii: "\r") { versionEnd += 1 }
        // Byte by byte: a generic `starts(with:)` over a slice and a string view is a slow loop.
        guard versionEnd - versionStart == 8, buffer[versionStart] == UInt8(ascii: "H"), buffer[versionStart + 1] == UInt8(ascii: "T"),
              buffer[versionStart + 2] == UInt8(ascii: "T"), buffer[versionStart + 3] == UInt8(ascii: "P"),
              buffer[versionStart + 4] == UInt8(ascii: "/"), buffer[versionStart + 6] == UInt8(ascii: "."),
              case let major = buffer[versionStart + 5], case let minor = buffer[versionStart + 7],
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(major), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(minor)
        else { throw .badRequest("malformed HTTP version") }
        guard major == UInt8(ascii: "1"), minor <= UInt8(ascii: "1") else {
            throw HTTPParserError(.httpVersionNotSupported, "HTTP version not supported")
        }
        return minor == UInt8(ascii: "1") ? .http1_1 : .http1_0
    }

    private func validateTarget(_ target: String, method: HTTPMethod) throws(HTTPParserError) {
        if target.utf8.first == UInt8(ascii: "/") { return }
        if target == "*" {
            guard method == .options else { throw .badRequest("asterisk-form target is only valid for OPTIONS") }
            return
        }
        let lower = target.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw .badRequest("request target must be origin-form or absolute-form")
        }
    }

    private func bodyFraming(lengths: [String], codings: [String], version: HTTPVersion) throws(HTTPParserError) -> HTTPRequestHead.BodyFraming {
        if !codings.isEmpty {
            if !lengths.isEmpty { throw .badRequest("both Content-Length and Transfer-Encoding") }
            if version == .http1_0 { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            let list = codings.joined(separator: ",").split(separator: ",").map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
            guard list.last == "chunked" else { throw .badRequest("Transfer-Encoding does not end in chunked") }
            guard list.count == 1 else {
                if list.dropLast().contains("chunked") { throw .badRequest("chunked applied more than once") }
                throw HTTPParserError(.notImplemented, "unsupported transfer coding '\(list[0])'")
            }
            return .chunked
        }
        guard let text = lengths.first else { return .none }
        if lengths.count > 1 { throw .badRequest("duplicate Content-Length") }
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let length = Int(text)
        else { throw .badRequest("malformed Content-Length") }
        // Checked against the body limit when the body starts (see `limitBody(to:)`).
        return .contentLength(length)
    }
}
