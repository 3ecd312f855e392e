import CCrypto
import Foundation

/// The opening handshake (RFC 6455 §4.2): validation of the client's request and the
/// `Sec-WebSocket-Accept` answer.
enum WebSocketHandshake {
    private static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// Checks an upgrade request and returns its key. Refusals are ``HTTPError``s: 400 for a
    /// malformed handshake, 426 (with `Sec-WebSocket-Version: 13`) for another version.
    static func validate(_ request: HTTPRequest) throws(HTTPError) -> String {
        let headers = request.headers
        guard request.method == .get, request.head.version == .http1_1 else {
            throw HTTPError(.badRequest, message: "a WebSocket handshake must be an HTTP/1.1 GET")
        }
        guard headers.containsToken("websocket", in: "upgrade"), headers.containsToken("upgrade", in: "connection") else {
            throw HTTPError(.upgradeRequired, message: "this endpoint only speaks WebSocket", headers: ["Upgrade": "websocket"])
        }
        guard headers.values("sec-websocket-version") == ["13"] else {
            throw HTTPError(.upgradeRequired, message: "unsupported WebSocket version", headers: ["Sec-WebSocket-Version": "13"])
        }
        let keys = headers.values("sec-websocket-key")
        guard keys.count == 1, let key = keys.first, let decoded = Data(base64Encoded: key), decoded.count == 16 else {
            throw HTTPError(.badRequest, message: "Sec-WebSocket-Key must be exactly one base64-encoded 16-byte value")
        }
        return key
    }

    /// `base64(SHA-1(key + GUID))`.
    static func acceptValue(for key: String) -> String {
        let input = Array((key + guid).utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        _ = SHA1(input, input.count, &digest)
        return Data(digest).base64EncodedString()
    }
}
