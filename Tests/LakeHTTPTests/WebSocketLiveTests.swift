import Foundation
import LakeHTTP
import LakeTestSupport
import Testing

/// WebSockets over real sockets with python `websockets`.
@Suite struct WebSocketLiveTests {
    @Test func pythonWebsocketsEchoesWithAndWithoutCompression() async throws {
        let live = try LiveServer()
        let output = try await live.python("""
        import asyncio, sys, json
        from websockets.asyncio.client import connect
        async def main():
            out = {}
            url = "ws://127.0.0.1:%s/ws/echo" % sys.argv[1]
            async with connect(url, compression="deflate") as ws:
                out["extension"] = ws.response.headers.get("Sec-WebSocket-Extensions")
                await ws.send("héllo")
                out["text"] = await ws.recv()
                await ws.send(bytes(range(256)) * 400)
                out["binary"] = len(await ws.recv())
                await ws.send(["frag", "mented"])
                out["fragmented"] = await ws.recv()
                pong = await ws.ping(b"p")
                await asyncio.wait_for(pong, 3)
                out["pong"] = True
            out["close"] = [ws.close_code]
            async with connect(url, compression=None) as ws:
                await ws.send("plain")
                out["plain"] = await ws.recv()
            print(json.dumps(out))
        asyncio.run(main())
        """)
        await live.stop()
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["extension"] as? String == "permessage-deflate")
        #expect(result["text"] as? String == "héllo")
        #expect(result["binary"] as? Int == 102_400)
        #expect(result["fragmented"] as? String == "fragmented")
        #expect(result["pong"] as? Bool == true)
        #expect(result["close"] as? [Int] == [1000])
        #expect(result["plain"] as? String == "plain")
    }

    @Test func invalidUTF8ClosesWith1007() async throws {
        let live = try LiveServer()
        let output = try await live.python("""
        import asyncio, sys
        from websockets.asyncio.client import connect
        from websockets.frames import Frame, Opcode
        async def main():
            async with connect("ws://127.0.0.1:%s/ws/echo" % sys.argv[1], compression=None) as ws:
                ws.protocol.send_frame(Frame(Opcode.TEXT, b"\\xc0\\xaf"))
                ws.send_data()
                try:
                    await ws.recv()
                except Exception:
                    pass
            print(ws.close_code)
        asyncio.run(main())
        """)
        await live.stop()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "1007")
    }

    @Test func handshakeWithoutKeyIsRefused() async throws {
        let live = try LiveServer()
        // `Connection: close`, so each exchange ends when the answer is out rather than after a
        // silence (a 1-second silence was too short on a loaded machine).
        let output = try await live.raw("GET /ws/echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let wrongVersion = try await live.raw("GET /ws/echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
        await live.stop()
        #expect(output.hasPrefix("HTTP/1.1 400 Bad Request"))
        #expect(wrongVersion.hasPrefix("HTTP/1.1 426 Upgrade Required"))
        #expect(wrongVersion.contains("Sec-WebSocket-Version: 13"))
    }

    @Test func shutdownClosesWebSocketsWith1001() async throws {
        let live = try LiveServer()
        let port = live.port
        let marker = try TestEnvironment.temporaryDirectory("ws").appendingPathComponent("open").path
        let client = Task {
            try await offPool { try ProcessRunner.python("""
            import asyncio, sys
            from websockets.asyncio.client import connect
            async def main():
                async with connect("ws://127.0.0.1:%s/ws/echo" % sys.argv[1]) as ws:
                    print("open", flush=True)
                    open(sys.argv[2], "w").close()
                    try:
                        await asyncio.wait_for(ws.recv(), 5)
                    except Exception:
                        pass
                print(ws.close_code)
            asyncio.run(main())
            """, [String(port), marker]) }
        }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: marker) {
            try await Task.sleep(for: .milliseconds(50))
        }
        await live.stop()
        let output = try await client.value.output
        #expect(output.contains("open"))
        #expect(output.hasSuffix("1001\n"))
    }

    @Test func slowConsumerIsClosedWith1008() async throws {
        let live = try LiveServer { $0.webSocket.maxOutboundBytes = 64 * 1024 }
        let output = try await live.python("""
        import asyncio, sys
        from websockets.asyncio.client import connect
        async def main():
            async with connect("ws://127.0.0.1:%s/ws/flood" % sys.argv[1], compression=None, max_queue=4) as ws:
                await asyncio.sleep(1.0)
                try:
                    while True:
                        await asyncio.wait_for(ws.recv(), 5)
                except Exception:
                    pass
            print(ws.close_code)
        asyncio.run(main())
        """)
        let outcome = live.floodOutcome
        await live.stop()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "1008")
        #expect(outcome == 1, "the flooding sender saw .closed")
    }

    @Test func idleClientIsPingedThenClosedWith1001() async throws {
        let live = try LiveServer {
            $0.webSocket.idleTimeout = .milliseconds(300)
            $0.webSocket.closeTimeout = .milliseconds(300)
        }
        let output = try await live.python("""
        import socket, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.sendall(b"GET /ws/echo HTTP/1.1\\r\\nHost: a\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                  b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n")
        s.settimeout(5)
        data = b""
        try:
            while True:
                chunk = s.recv(4096)
                if not chunk: break
                data += chunk
        except socket.timeout:
            data += b"<timeout>"
        print(data.partition(b"\\r\\n\\r\\n")[2].hex())
        """)
        await live.stop()
        let expected = "8900" + "880e03e9" + Array("idle timeout".utf8).map { String($0, radix: 16) }.joined()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }
}
