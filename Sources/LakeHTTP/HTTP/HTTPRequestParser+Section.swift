private let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

extension HTTPRequestParser {
    /// Parses the request line and header section, or a trailer section. Bytes are copied into
    /// `buffer` once per call, after the limits were checked for everything this call consumed.
    mutating func parseSection(_ input: UnsafeRawBufferPointer) throws(HTTPParserError) -> HTTPParserStep {
        let count = input.count
        let base = buffer.count
        var index = 0
        while index < count {
            switch state {
            case .lineStart:
                let byte = input[index]
                if byte == cr {
                    state = .leadingLF
                } else if byte == lf {
                    throw .badRequest("bare LF before request line")
                } else {
                    guard HTTPCharacterClass.isToken(byte) else { throw .badRequest("invalid character in method") }
                    methodStart = base + index
                    state = .method
                }
                index += 1
                lineLength += 1
            case .leadingLF:
                guard input[index] == lf else { throw .badRequest("bare CR before request line") }
                leadingEmptyLines += 1
                guard leadingEmptyLines <= limits.maxLeadingEmptyLines else { throw .badRequest("too many empty lines before request line") }
                index += 1
                lineLength = 0
                state = .lineStart
            case .method:
                let start = index
                while index < count && HTTPCharacterClass.isToken(input[index]) { index += 1 }
                lineLength += index - start
                try checkRequestLine(status: .badRequest)
                guard index < count else { break }
                guard input[index] == space else { throw .badRequest("invalid character in method") }
                methodEnd = base + index
                targetStart = methodEnd + 1
                index += 1
                lineLength += 1
                state = .target
            case .target:
                let start = index
                while index < count && HTTPCharacterClass.isTarget(input[index]) { index += 1 }
                lineLength += index - start
                try checkRequestLine(status: .uriTooLong)
                guard index < count else { break }
                guard input[index] == space else { throw .badRequest("invalid character in request target") }
                targetEnd = base + index
                guard targetEnd > targetStart else { throw .badRequest("empty request target") }
                versionStart = targetEnd + 1
                index += 1
                lineLength += 1
                state = .version
            case .version:
                let start = index
                while index < count && input[index] != cr && input[index] != lf { index += 1 }
                lineLength += index - start
                try checkRequestLine(status: .badRequest)
                guard index < count else { break }
                guard input[index] == cr else { throw .badRequest("bare LF after request line") }
                index += 1
                lineLength += 1
                state = .requestLineLF
            case .requestLineLF:
                guard input[index] == lf else { throw .badRequest("bare CR after request line") }
                index += 1
                state = .fieldStart
            case .fieldStart:
                let byte = input[index]
                if byte == cr {
                    state = .sectionEndLF
                } else if HTTPCharacterClass.isToken(byte) {
                    guard fields.count < limits.maxHeaderCount else {
                        throw HTTPParserError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields")
                    }
                    current.nameStart = base + index
                    state = .fieldName
                } else if byte == space || byte == tab {
                    throw .badRequest("obsolete line folding or whitespace before a field name")
                } else if byte == lf {
                    throw .badRequest("bare LF in header section")
                } else {
                    throw .badRequest("invalid character in header field name")
                }
                index += 1
                sectionBytes += 1
                try checkSection()
            case .fieldName:
                let start = index
                while index < count && HTTPCharacterClass.isToken(input[index]) { index += 1 }
                sectionBytes += index - start
                try checkSection()
                guard index < count else { break }
                let byte = input[index]
                guard byte == UInt8(ascii: ":") else {
                    throw .badRequest(byte == space || byte == tab ? "whitespace before colon in header field" : "invalid character in header field name")
                }
                current.nameEnd = base + index
                index += 1
                sectionBytes += 1
                state = .fieldValueStart
            case .fieldValueStart:
                let start = index
                while index < count && (input[index] == space || input[index] == tab) { index += 1 }
                sectionBytes += index - start
                try checkSection()
                guard index < count else { break }
                current.valueStart = base + index
                current.valueEnd = current.valueStart
                state = .fieldValue
            case .fieldValue:
                let start = index
                var valueEnd = current.valueEnd
                while index < count {
                    let byte = input[index]
                    if byte > space && byte != 0x7F {
                        valueEnd = base + index + 1
                    } else if byte != space && byte != tab {
                        break
                    }
                    index += 1
                }
                current.valueEnd = valueEnd
                sectionBytes += index - start
                try checkSection()
                guard index < count else { break }
                guard input[index] == cr else {
                    throw .badRequest(input[index] == lf ? "bare LF in header field" : "control character in header field value")
                }
                index += 1
                sectionBytes += 1
                state = .fieldLF
            case .fieldLF:
                guard input[index] == lf else { throw .badRequest("bare CR in header field") }
                index += 1
                sectionBytes += 1
                try checkSection()
                fields.append(current)
                state = .fieldStart
            case .sectionEndLF:
                guard input[index] == lf else { throw .badRequest("bare CR in header section") }
                index += 1
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<index]))
                return HTTPParserStep(consumed: index, event: try finishSection())
            default:
                preconditionFailure("parseSection called in state \(state)")
            }
        }
        buffer.append(contentsOf: input)
        return HTTPParserStep(consumed: count, event: nil)
    }

    private func checkRequestLine(status: HTTPStatus) throws(HTTPParserError) {
        if lineLength > limits.maxRequestLineLength {
            throw HTTPParserError(status, status == .uriTooLong ? "request target too long" : "request line too long")
        }
    }

    private func checkSection() throws(HTTPParserError) {
        if sectionBytes > limits.maxHeaderBytes {
            throw HTTPParserError(.requestHeaderFieldsTooLarge, inTrailers ? "trailer section too large" : "header section too large")
        }
    }

    private mutating func finishSection() throws(HTTPParserError) -> HTTPParserEvent {
        let headers = makeHeaders()
        if inTrailers {
            reset()
            return .end(trailers: headers)
        }
        let head = try makeHead(headers: headers)
        buffer.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        sectionBytes = 0
        bodyReceived = 0
        bodyLimit = limits.maxBodySize
        switch head.framing {
        case .none, .contentLength(0):
            state = .messageComplete
        case .contentLength(let length):
            bodyRemaining = length
            state = .fixedBody
        case .chunked:
            startChunkLine()
        }
        return .head(head)
    }

    private func makeHeaders() -> HTTPHeaders {
        buffer.withUnsafeBufferPointer { bytes in
            HTTPHeaders(fields.map { field in
                let name = String(unsafeUninitializedCapacity: field.nameEnd - field.nameStart) { target in
                    for offset in 0..<target.count { target[offset] = HTTPHeaders.lowercased(bytes[field.nameStart + offset]) }
                    return target.count
                }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[field.valueStart..<field.valueEnd]), as: UTF8.self)
                return (name: name, value: value)
            })
        }
    }

    func string(_ range: Range<Int>) -> String {
        buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
