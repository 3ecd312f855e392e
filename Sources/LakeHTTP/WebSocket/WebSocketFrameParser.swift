/// An incremental parser of client-to-server WebSocket frames (RFC 6455 §5.2).
///
/// Fed arbitrary chunks, it returns each complete frame with its payload unmasked. The
/// frame size limit is checked as soon as the length field is complete, before a payload
/// buffer is allocated. Unmasked frames, reserved bits, unknown opcodes, fragmented or
/// oversized control frames and 64-bit lengths with the top bit set are refused (1002).
public struct WebSocketFrameParser: Sendable {
    /// Largest payload accepted (1009 beyond it).
    public let maxFrameSize: Int
    /// Whether RSV1 may be set (permessage-deflate negotiated).
    public let allowsCompression: Bool

    private var header: (UInt64, UInt64) = (0, 0)
    private var headerCount = 0
    private var headerNeeded = 2
    private var payload: [UInt8] = []
    private var payloadNeeded = 0
    private var mask: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var inPayload = false
    private var failure: WebSocketProtocolError?

    /// A parser for one connection.
    public init(maxFrameSize: Int, allowsCompression: Bool) {
        self.maxFrameSize = maxFrameSize
        self.allowsCompression = allowsCompression
    }

    /// Consumes a prefix of `input`; returns a frame when one completed (nil: all consumed).
    public mutating func parse(_ input: UnsafeRawBufferPointer) throws(WebSocketProtocolError) -> (consumed: Int, frame: WebSocketFrame?) {
        if let failure { throw failure }
        var index = 0
        while index < input.count || (inPayload && payloadNeeded == 0) {
            if !inPayload {
                let take = min(headerNeeded - headerCount, input.count - index)
                withUnsafeMutableBytes(of: &header) { raw in
                    raw.baseAddress!.advanced(by: headerCount).copyMemory(from: input.baseAddress!.advanced(by: index), byteCount: take)
                }
                headerCount += take
                index += take
                guard headerCount == headerNeeded else { continue }
                do {
                    try headerProgressed()
                } catch {
                    failure = error
                    throw error
                }
                continue
            }
            let take = min(payloadNeeded, input.count - index)
            if take > 0 {
                appendUnmasked(UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
                payloadNeeded -= take
                index += take
            }
            if payloadNeeded == 0 {
                let frame = completeFrame()
                return (index, frame)
            }
        }
        return (index, nil)
    }

    private func headerByte(_ offset: Int) -> UInt8 {
        withUnsafeBytes(of: header) { $0[offset] }
    }

    /// The header grew to `headerNeeded` bytes: validate, or learn that more header follows.
    private mutating func headerProgressed() throws(WebSocketProtocolError) {
        let first = headerByte(0), second = headerByte(1)
        if headerCount == 2 {
            guard first & 0x30 == 0, allowsCompression || first & 0x40 == 0 else { throw .protocolError("reserved bits set") }
            guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else { throw .protocolError("unknown opcode") }
            guard second & 0x80 != 0 else { throw .protocolError("client frames must be masked") }
            if opcode.isControl {
                guard first & 0x80 != 0 else { throw .protocolError("fragmented control frame") }
                guard second & 0x7F <= 125 else { throw .protocolError("control frame longer than 125 bytes") }
                guard first & 0x40 == 0 else { throw .protocolError("compressed control frame") }
            }
            switch second & 0x7F {
            case 126: headerNeeded = 2 + 2 + 4
            case 127: headerNeeded = 2 + 8 + 4
            default: headerNeeded = 2 + 4
            }
            return
        }
        var length = Int(second & 0x7F)
        var maskOffset = 2
        if length == 126 {
            length = Int(headerByte(2)) << 8 | Int(headerByte(3))
            maskOffset = 4
        } else if length == 127 {
            guard headerByte(2) & 0x80 == 0 else { throw .protocolError("64-bit length with the top bit set") }
            var value = 0
            for offset in 2..<10 {
                guard value <= maxFrameSize else { break }
                value = value << 8 | Int(headerByte(offset))
            }
            length = value
            maskOffset = 10
        }
        guard length <= maxFrameSize else { throw WebSocketProtocolError(1009, "frame larger than \(maxFrameSize) bytes") }
        mask = (headerByte(maskOffset), headerByte(maskOffset + 1), headerByte(maskOffset + 2), headerByte(maskOffset + 3))
        payload = []
        payload.reserveCapacity(length)
        payloadNeeded = length
        inPayload = true
    }

    private mutating func appendUnmasked(_ bytes: UnsafeRawBufferPointer) {
        let start = payload.count
        payload.append(contentsOf: bytes)
        let key = [mask.0, mask.1, mask.2, mask.3]
        payload.withUnsafeMutableBufferPointer { buffer in
            var index = start
            // Whole 8-byte words while aligned to the mask phase; the tail byte by byte.
            if buffer.count - index >= 16 {
                var word: UInt64 = 0
                withUnsafeMutableBytes(of: &word) { raw in
                    for offset in 0..<8 { raw[offset] = key[(index + offset) & 3] }
                }
                let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
                while buffer.count - index >= 8 {
                    let value = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    raw.storeBytes(of: value ^ word, toByteOffset: index, as: UInt64.self)
                    index += 8
                }
            }
            while index < buffer.count {
                buffer[index] ^= key[index & 3]
                index += 1
            }
        }
    }

    private mutating func completeFrame() -> WebSocketFrame {
        let first = headerByte(0)
        let frame = WebSocketFrame(fin: first & 0x80 != 0, rsv1: first & 0x40 != 0,
                                   opcode: WebSocketOpcode(rawValue: first & 0x0F)!, payload: payload)
        payload = []
        inPayload = false
        headerCount = 0
        headerNeeded = 2
        return frame
    }
}
