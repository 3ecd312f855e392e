/// A WebSocket handler: runs for the life of the connection; when it returns the server
/// closes the socket with 1000.
public typealias WebSocketHandler = @Sendable (WebSocket, HTTPRequest, RequestContext) async throws -> Void

/// What a `101 Switching Protocols` response carries to the connection that writes it.
/// A class: every response has room for one, and a reference keeps that room one word.
final class WebSocketUpgrade: Sendable {
    let handler: WebSocketHandler
    let compression: PerMessageDeflateParameters?
    let request: HTTPRequest
    let context: RequestContext

    init(handler: @escaping WebSocketHandler, compression: PerMessageDeflateParameters?, request: HTTPRequest, context: RequestContext) {
        self.handler = handler
        self.compression = compression
        self.request = request
        self.context = context
    }
}

extension Router {
    /// Registers a WebSocket endpoint at `pattern`: validates the handshake, negotiates
    /// permessage-deflate when `compression` is on, then runs `handler` with the socket.
    public func webSocket(_ pattern: String, compression: Bool = true, handler: @escaping WebSocketHandler) {
        get(pattern) { request, context in
            let key = try WebSocketHandshake.validate(request)
            var headers: HTTPHeaders = ["Upgrade": "websocket", "Connection": "Upgrade",
                                        "Sec-WebSocket-Accept": WebSocketHandshake.acceptValue(for: key)]
            var parameters: PerMessageDeflateParameters?
            if compression, let (negotiated, value) = PerMessageDeflateParameters.negotiate(request.headers.values("sec-websocket-extensions")) {
                parameters = negotiated
                headers["Sec-WebSocket-Extensions"] = value
            }
            var response = HTTPResponse(status: .switchingProtocols, headers: headers)
            response.webSocket = WebSocketUpgrade(handler: handler, compression: parameters, request: request, context: context)
            return response
        }
    }
}
