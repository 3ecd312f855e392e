import Foundation
import LakeHTTP
import Synchronization

// A LakeHTTP server for the Autobahn suite and the benchmarks in bench/:
//   GET  /health      small JSON
//   GET  /bars        1,000 deterministic OHLCV bars serialized to JSON per request (~145 KB)
//   GET  /bars/static the same JSON, serialized once at start
//   GET  /ws/echo     WebSocket echo (permessage-deflate allowed)
//   GET  /ws/fanout   WebSocket that only receives broadcasts
//   POST /broadcast   sends the request body to every /ws/fanout socket; answers the count
// Usage: lakehttp-testserver PORT [WORKERS]

let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8300 : 8300
var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: port, workers: arguments.count > 2 ? Int(arguments[2]) : nil)
configuration.maxConnections = 60_000
configuration.webSocket.idleTimeout = .seconds(600)

/// The sockets of /ws/fanout.
final class FanoutRegistry: Sendable {
    private let sockets = Mutex<[ObjectIdentifier: WebSocket]>([:])
    func add(_ socket: WebSocket) { sockets.withLock { $0[ObjectIdentifier(socket)] = socket } }
    func remove(_ socket: WebSocket) { _ = sockets.withLock { $0.removeValue(forKey: ObjectIdentifier(socket)) } }
    var all: [WebSocket] { sockets.withLock { Array($0.values) } }
}

let registry = FanoutRegistry()
let bars = BarsFixture.make(count: 1_000)
let staticBars = BarsFixture.json(bars)
let router = Router()
router.getImmediately("/health") { _, _ in
    var body: [UInt8] = []
    body.reserveCapacity(64)
    body.append(contentsOf: #"{"status":"healthy","timestamp":""#.utf8)
    RFC3339.appendNow(to: &body)
    body.append(contentsOf: #""}"#.utf8)
    return .json(bytes: body)
}
router.get("/bars") { _, _ in .json(bytes: BarsFixture.json(bars)) }
router.getImmediately("/bars/static") { _, _ in .json(bytes: staticBars) }
router.webSocket("/ws/echo") { socket, _, _ in
    for await message in socket.messages { try socket.send(message) }
}
router.webSocket("/ws/fanout", compression: false) { socket, _, _ in
    registry.add(socket)
    for await _ in socket.messages {}
    registry.remove(socket)
}
router.post("/broadcast") { request, _ in
    let count = WebSocket.broadcast(.binary(request.body), to: registry.all)
    return .json(#"{"sent":\#(count)}"#)
}
let server = HTTPServer(configuration: configuration, responder: router)
try await server.run()
