/// A WebSocket frame opcode (RFC 6455 §5.2).
public enum WebSocketOpcode: UInt8, Sendable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Close, ping and pong: at most 125 bytes, never fragmented.
    public var isControl: Bool { rawValue & 0x8 != 0 }
}

/// One frame, payload already unmasked.
public struct WebSocketFrame: Sendable, Equatable {
    /// Whether this is the last frame of its message.
    public var fin: Bool
    /// RSV1: the message is compressed (permessage-deflate), set on its first frame only.
    public var rsv1: Bool
    /// The opcode.
    public var opcode: WebSocketOpcode
    /// The payload.
    public var payload: [UInt8]

    /// A frame from its parts.
    public init(fin: Bool = true, rsv1: Bool = false, opcode: WebSocketOpcode, payload: [UInt8]) {
        self.fin = fin
        self.rsv1 = rsv1
        self.opcode = opcode
        self.payload = payload
    }

    /// The frame as a server sends it: unmasked, with the shortest length encoding.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 10)
        WebSocketFrame.appendHeader(to: &bytes, fin: fin, rsv1: rsv1, opcode: opcode, length: payload.count)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Writes a server frame header (no mask) for a payload of `length` bytes.
    static func appendHeader(to bytes: inout [UInt8], fin: Bool, rsv1: Bool, opcode: WebSocketOpcode, length: Int) {
        bytes.append((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.rawValue)
        if length < 126 {
            bytes.append(UInt8(length))
        } else if length <= 0xFFFF {
            bytes.append(126)
            bytes.append(UInt8(length >> 8))
            bytes.append(UInt8(length & 0xFF))
        } else {
            bytes.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((length >> shift) & 0xFF)) }
        }
    }
}

/// A protocol violation by the peer, with the close code to answer (RFC 6455 §7.4.1).
public struct WebSocketProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The close code sent before closing: 1002 protocol error, 1007 invalid data,
    /// 1009 too big.
    public let closeCode: UInt16
    /// What was wrong.
    public let reason: String

    /// An error closing with `closeCode`.
    public init(_ closeCode: UInt16, _ reason: String) {
        self.closeCode = closeCode
        self.reason = reason
    }

    static func protocolError(_ reason: String) -> WebSocketProtocolError { WebSocketProtocolError(1002, reason) }

    public var description: String { "\(closeCode): \(reason)" }
}
