/// A complete WebSocket data message.
public enum WebSocketMessage: Sendable, Equatable {
    /// A text message (valid UTF-8).
    case text(String)
    /// A binary message.
    case binary([UInt8])

    var opcode: WebSocketOpcode {
        switch self {
        case .text: return .text
        case .binary: return .binary
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .text(let text): return Array(text.utf8)
        case .binary(let bytes): return bytes
        }
    }
}

/// Why a send did not happen.
public enum WebSocketSendError: Error, Sendable, Equatable {
    /// The connection is closed or closing.
    case closed
    /// The outbound queue was full and the policy is ``WebSocketConfiguration/SlowConsumerPolicy/dropNewest``.
    case messageDropped
}
