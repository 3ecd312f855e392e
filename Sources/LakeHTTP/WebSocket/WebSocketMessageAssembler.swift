/// Turns frames into messages: fragmentation rules, size limit, permessage-deflate and
/// UTF-8 validation that fails on the first bad byte, even mid-fragment (RFC 6455 §5.4, §8.1).
struct WebSocketMessageAssembler {
    /// What a frame completed.
    enum Output: Equatable {
        case message(WebSocketMessage)
        case control(WebSocketFrame)
    }

    let maxMessageSize: Int
    private let inflater: DeflateStream?
    private let resetInflaterAfterMessage: Bool
    private var opcode: WebSocketOpcode?
    private var compressed = false
    private var buffer: [UInt8] = []
    private var validator = UTF8Validator()

    /// An assembler; `inflater` is set when permessage-deflate was negotiated.
    init(maxMessageSize: Int, inflater: DeflateStream?, resetInflaterAfterMessage: Bool) {
        self.maxMessageSize = maxMessageSize
        self.inflater = inflater
        self.resetInflaterAfterMessage = resetInflaterAfterMessage
    }

    /// Takes the next frame; returns a completed message or a control frame to act on.
    mutating func receive(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> Output? {
        if frame.opcode.isControl { return .control(frame) }
        if frame.opcode == .continuation {
            guard opcode != nil else { throw .protocolError("continuation frame without a message") }
            guard !frame.rsv1 else { throw .protocolError("RSV1 on a continuation frame") }
        } else {
            guard opcode == nil else { throw .protocolError("new message before the previous one ended") }
            opcode = frame.opcode
            compressed = frame.rsv1
            validator = UTF8Validator()
        }
        try frame.payload.withUnsafeBytes { payload in Result { () throws(WebSocketProtocolError) in try append(payload) } }.get()
        guard frame.fin else { return nil }
        if compressed {
            try DeflateStream.tail.withUnsafeBytes { tail in Result { () throws(WebSocketProtocolError) in try append(tail) } }.get()
            if resetInflaterAfterMessage { inflater?.reset() }
        }
        if opcode == .text && !validator.isComplete { throw WebSocketProtocolError(1007, "text message ends inside a UTF-8 sequence") }
        let message: WebSocketMessage = opcode == .text ? .text(String(decoding: buffer, as: UTF8.self)) : .binary(buffer)
        opcode = nil
        buffer = []
        return .message(message)
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws(WebSocketProtocolError) {
        guard compressed else {
            try accept(bytes)
            return
        }
        guard let inflater else { throw .protocolError("compressed message without permessage-deflate") }
        var failure: WebSocketProtocolError?
        let outcome = inflater.decompress(bytes, limit: maxMessageSize - buffer.count) { piece in
            do throws(WebSocketProtocolError) {
                try accept(piece)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        switch outcome {
        case .finished: return
        case .tooLarge: throw WebSocketProtocolError(1009, "message larger than \(maxMessageSize) bytes")
        case .failed: throw WebSocketProtocolError(1007, "invalid compressed data")
        }
    }

    private mutating func accept(_ bytes: UnsafeRawBufferPointer) throws(WebSocketProtocolError) {
        guard buffer.count + bytes.count <= maxMessageSize else {
            throw WebSocketProtocolError(1009, "message larger than \(maxMessageSize) bytes")
        }
        if opcode == .text && !validator.validate(bytes) { throw WebSocketProtocolError(1007, "invalid UTF-8 in text message") }
        buffer.append(contentsOf: bytes)
    }
}
