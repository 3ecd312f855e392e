private let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

extension HTTPRequestParser {
    mutating func startChunkLine() {
        state = .chunkSize
        chunkSize = 0
        chunkDigits = 0
        chunkLineLength = 0
    }

    /// Parses chunked framing (RFC 9112 §7.1). Sizes are bounded by the body limit while the
    /// digits arrive, so they can neither overflow nor promise more than the server accepts.
    mutating func parseChunked(_ input: UnsafeRawBufferPointer) throws(HTTPParserError) -> HTTPParserStep {
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            switch state {
            case .chunkSize:
                if let digit = HTTPRequestParser.hexValue(byte) {
                    chunkSize = chunkSize &* 16 &+ digit
                    chunkDigits += 1
                    guard chunkDigits <= 16, bodyReceived + chunkSize <= bodyLimit else {
                        throw HTTPParserError(.contentTooLarge, "chunk exceeds the body limit of \(bodyLimit) bytes")
                    }
                } else {
                    guard chunkDigits > 0 else { throw .badRequest("invalid chunk size") }
                    switch byte {
                    case cr: state = .chunkSizeLF
                    case UInt8(ascii: ";"): state = .chunkExtension
                    case UInt8(ascii: " "), UInt8(ascii: "\t"): state = .chunkSpace
                    default: throw .badRequest("invalid chunk size")
                    }
                }
            case .chunkSpace:
                switch byte {
                case UInt8(ascii: ";"): state = .chunkExtension
                case UInt8(ascii: " "), UInt8(ascii: "\t"): break
                default: throw .badRequest("invalid chunk size")
                }
            case .chunkExtension:
                if byte == cr {
                    state = .chunkSizeLF
                } else if !HTTPCharacterClass.isFieldValue(byte) {
                    throw .badRequest(byte == lf ? "bare LF in chunk line" : "control character in chunk extension")
                }
            case .chunkSizeLF:
                guard byte == lf else { throw .badRequest("bare CR in chunk line") }
                index += 1
                if chunkSize == 0 {
                    inTrailers = true
                    sectionBytes = 0
                    state = .fieldStart
                    let step = try parseSection(UnsafeRawBufferPointer(rebasing: input[index...]))
                    return HTTPParserStep(consumed: index + step.consumed, event: step.event)
                }
                bodyRemaining = chunkSize
                state = .chunkData
                continue
            case .chunkData:
                let length = min(bodyRemaining, count - index)
                bodyRemaining -= length
                bodyReceived += length
                if bodyRemaining == 0 { state = .chunkDataCR }
                return HTTPParserStep(consumed: index + length, event: .body(index..<index + length))
            case .chunkDataCR:
                guard byte == cr else { throw .badRequest("chunk data longer than its size") }
                state = .chunkDataLF
            case .chunkDataLF:
                guard byte == lf else { throw .badRequest("bare CR after chunk data") }
                index += 1
                startChunkLine()
                continue
            default:
                preconditionFailure("parseChunked called in state \(state)")
            }
            index += 1
            chunkLineLength += 1
            if chunkLineLength > limits.maxChunkLineLength { throw .badRequest("chunk line too long") }
        }
        return HTTPParserStep(consumed: count, event: nil)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte &- UInt8(ascii: "A") &+ 10)
        default: return nil
        }
    }
}
