import Foundation
import LakeHTTP
import LakeTestSupport
import Synchronization
import Testing

/// `WebSocket.broadcast` over real sockets: raw clients check the exact frame bytes, python
/// `websockets` clients with and without permessage-deflate check that every socket decodes
/// each message — with context takeover (a frame per socket) and without it (one compressed
/// frame shared by those sockets).
@Suite struct WebSocketBroadcastTests {
    /// The sockets of `/ws/listen`.
    final class Listeners: Sendable {
        private let sockets = Mutex<[ObjectIdentifier: WebSocket]>([:])
        func add(_ socket: WebSocket) { sockets.withLock { $0[ObjectIdentifier(socket)] = socket } }
        func remove(_ socket: WebSocket) { _ = sockets.withLock { $0.removeValue(forKey: ObjectIdentifier(socket)) } }
        var all: [WebSocket] { sockets.withLock { Array($0.values) } }
    }

    /// A server with `/ws/listen` (sockets that only receive), `GET /listeners` (how many are
    /// registered) and `POST /broadcast` (the body to all of them; answers how many took it).
    private static func startServer(listeners: Listeners) throws -> (HTTPServer, Int) {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, workers: 2)
        configuration.handlesSignals = false
        let router = Router()
        router.webSocket("/ws/listen") { socket, _, _ in
            listeners.add(socket)
            for await _ in socket.messages {}
            listeners.remove(socket)
        }
        router.get("/listeners") { _, _ in .text(String(listeners.all.count)) }
        router.post("/broadcast") { request, _ in
            .text(String(WebSocket.broadcast(.binary(request.body), to: listeners.all)))
        }
        let server = HTTPServer(configuration: configuration, responder: router, logger: Logger(label: "test", level: .warning))
        return (server, try server.start())
    }

    /// Enough raw sockets that each of the two loops gets more than one batch.
    @Test func everySocketGetsEveryMessageWithAndWithoutCompression() async throws {
        let listeners = Listeners()
        let (server, port) = try Self.startServer(listeners: listeners)
        let result = try await offPool { try ProcessRunner.python(Self.clientScript, [String(port), "600"]) }
        server.shutdown()
        await server.waitUntilStopped()
        #expect(result.status == 0, "\(result.standardError)")
        let output = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
        #expect(output["sent"] as? [Int] == [605, 605])
        #expect(output["raw_exact"] as? Int == 600)
        #expect(output["deflate_extension"] as? String == "permessage-deflate")
        #expect(output["deflate_received"] as? [Int] == [2, 2])
        #expect(output["stateless_extension"] as? String == "permessage-deflate; server_no_context_takeover")
        #expect(output["stateless_received"] as? [Int] == [2, 2])
        #expect(output["plain_received"] as? Bool == true)
    }

    /// Two messages long enough to be compressed, the second sharing text with the first so
    /// a compressor with context takeover refers back to it.
    private static let clientScript = """
    import asyncio, json, socket, sys, urllib.request
    from websockets.asyncio.client import connect
    from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
    port, count = int(sys.argv[1]), int(sys.argv[2])
    base = "http://127.0.0.1:%d" % port
    messages = [(b"tick NSE:CIPLA close=1523.45 volume=1200 " * 20), (b"tick NSE:CIPLA close=1523.50 volume=900 " * 20)]

    def raw_socket():
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /ws/listen HTTP/1.1\\r\\nHost: a\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                  b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n")
        head = b""
        while b"\\r\\n\\r\\n" not in head:
            head += s.recv(1)
        assert head.startswith(b"HTTP/1.1 101"), head
        return s

    def stateless():
        return ClientPerMessageDeflateFactory(server_no_context_takeover=True)

    def frame(payload):
        return bytes([0x82, 126, len(payload) >> 8, len(payload) & 0xFF]) + payload

    def read_exactly(s, size):
        data = b""
        while len(data) < size:
            try:
                chunk = s.recv(size - len(data))
            except socket.timeout:
                break
            if not chunk: break
            data += chunk
        return data

    async def main():
        out = {}
        raw = [raw_socket() for _ in range(count)]
        async with connect(base.replace("http", "ws") + "/ws/listen", compression="deflate") as a, \\
                   connect(base.replace("http", "ws") + "/ws/listen", compression="deflate") as b, \\
                   connect(base.replace("http", "ws") + "/ws/listen", compression=None) as plain, \\
                   connect(base.replace("http", "ws") + "/ws/listen", compression=None, extensions=[stateless()]) as c, \\
                   connect(base.replace("http", "ws") + "/ws/listen", compression=None, extensions=[stateless()]) as d:
            out["deflate_extension"] = a.response.headers.get("Sec-WebSocket-Extensions")
            out["stateless_extension"] = c.response.headers.get("Sec-WebSocket-Extensions")
            for _ in range(200):
                if int(urllib.request.urlopen(base + "/listeners").read()) == count + 5: break
                await asyncio.sleep(0.05)
            out["sent"] = []
            for message in messages:
                request = urllib.request.Request(base + "/broadcast", data=message, method="POST")
                out["sent"].append(int(urllib.request.urlopen(request).read()))
            receive = lambda ws: asyncio.wait_for(ws.recv(), 5)
            out["deflate_received"] = [sum([await receive(ws) == m for m in messages]) for ws in (a, b)]
            out["stateless_received"] = [sum([await receive(ws) == m for m in messages]) for ws in (c, d)]
            out["plain_received"] = [await receive(plain) for _ in messages] == messages
        expected = b"".join(frame(m) for m in messages)
        out["raw_exact"] = sum(read_exactly(s, len(expected)) == expected for s in raw)
        print(json.dumps(out))
    asyncio.run(main())
    """
}
