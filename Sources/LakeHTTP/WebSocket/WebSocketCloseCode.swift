/// Close frame payload rules (RFC 6455 §5.5.1, §7.4).
enum WebSocketCloseCode {
    /// Codes a peer may send: the defined ones that are not reserved for local use
    /// (1004–1006, 1015) plus the registered and private ranges 3000–4999.
    static func isValidReceived(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1011, 3000...4999: return true
        default: return false
        }
    }

    /// The status code of a close payload (nil when empty); throws 1002 for a one-byte
    /// payload or a code that may not be sent, 1007 for a reason that is not UTF-8.
    static func parse(_ payload: [UInt8]) throws(WebSocketProtocolError) -> UInt16? {
        if payload.isEmpty { return nil }
        guard payload.count >= 2 else { throw .protocolError("close payload of one byte") }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard isValidReceived(code) else { throw .protocolError("invalid close code \(code)") }
        guard UTF8Validator.isValid(Array(payload[2...])) else { throw WebSocketProtocolError(1007, "close reason is not UTF-8") }
        return code
    }
}
