/// TEMPORARY
struct WebSocketUpgrade: Sendable {}
enum WebSocketConnection {
    static func takeOver(from: HTTPConnection, upgrade: WebSocketUpgrade, leftover: [UInt8]) { from.close() }
}
