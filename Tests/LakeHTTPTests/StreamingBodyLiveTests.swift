import Foundation
import LakeHTTP
import LakeTestSupport
import Testing

/// Routes that stream their request bodies, over real sockets: memory stays bounded, the
/// server stops reading while the handler is behind, limits and timeouts hold mid-body, and
/// the connection carries on (or closes) cleanly after a body the handler left unread.
@Suite(.serialized) struct StreamingBodyLiveTests {
    /// Python that defines `port`, `exchange(payload, timeout)` (see ``LiveServer/exchangePrelude``)
    /// and `pattern(n)`, the first `n` ``UploadPattern`` bytes.
    static let prelude = LiveServer.exchangePrelude + """
    def pattern(n):
        return (bytes(range(251)) * (n // 251 + 1))[:n]

    """

    @Test func curlUploadOf200MiBKeepsResidentMemoryBounded() async throws {
        let live = try LiveServer()
        let file = try TestEnvironment.temporaryDirectory("stream-upload").appendingPathComponent("body.bin")
        try Self.writePattern(to: file, count: 200 << 20)
        defer { try? FileManager.default.removeItem(at: file) }
        let before = ResidentMemory.current()
        let memory = ResidentMemory()
        // curl sends `Expect: 100-continue` for a body this large and would wait 30 s for a 100
        // that never came; the server sends it when the handler starts reading.
        let result = try await offPool {
            try ProcessRunner.run("curl", ["-s", "-S", "--expect100-timeout", "30", "--data-binary", "@\(file.path)", "\(live.base)/stream/verify"])
        }
        let peak = memory.stop()
        await live.stop()
        #expect(result.output == #"{"bytes":209715200,"intact":true,"trailers":0}"#, "\(result.standardError)")
        #expect(peak - before < 40 << 20, "resident memory grew by \((peak - before) >> 20) MiB during a 200 MiB upload")
    }

    @Test func serverStopsReadingWhileTheHandlerIsBehind() async throws {
        let live = try LiveServer()
        let output = try await live.python(Self.prelude + """
        total = 64 << 20
        data = pattern(total)
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /stream/verify?pause_ms=1500 HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: %d\\r\\n\\r\\n" % total)
        s.setblocking(False)
        sent, deadline = 0, time.time() + 1.0
        while time.time() < deadline:
            try:
                sent += s.send(data[sent:sent + 65536])
            except BlockingIOError:
                time.sleep(0.005)
        print(sent)
        s.setblocking(True)
        s.sendall(data[sent:])
        s.settimeout(10)
        out = b""
        while not out.endswith(b"}"):
            out += s.recv(65536)
        print(out.decode().split("\\r\\n\\r\\n")[1])
        """)
        await live.stop()
        let lines = output.split(separator: "\n")
        let sentWhilePaused = try #require(lines.first.flatMap { Int($0) })
        #expect(sentWhilePaused < 24 << 20, "the client pushed \(sentWhilePaused >> 20) MiB while the handler read nothing")
        #expect(lines.last == #"{"bytes":67108864,"intact":true,"trailers":0}"#)
    }

    @Test func bodyEndingExactlyAtTheHighWaterMarkStillEnds() async throws {
        // The read that fills the buffer also completes the body: its end must still reach
        // the handler once it drains the buffer.
        let live = try LiveServer { $0.requestBodyHighWaterMark = 1_000; $0.requestBodyLowWaterMark = 500 }
        let output = try await live.python(Self.prelude + """
        print(exchange(b"POST /stream/verify?pause_ms=200 HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\nContent-Length: 1000\\r\\n\\r\\n" + pattern(1000)).split("\\r\\n\\r\\n")[1])
        """)
        await live.stop()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"bytes":1000,"intact":true,"trailers":0}"#)
    }

    /// A route that streams its body and one that collects it.
    @Test(arguments: ["/stream/verify", "/echo"])
    func continueForAPipelinedUploadWaitsForTheResponsesBeforeIt(path: String) async throws {
        let live = try LiveServer()
        let output = try await live.python(Self.prelude + """
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /slow/300 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n"
                  + b"POST \(path) HTTP/1.1\\r\\nHost: a\\r\\nExpect: 100-continue\\r\\nContent-Length: 5000\\r\\nConnection: close\\r\\n\\r\\n")
        s.settimeout(5)
        out = b""
        while b"100 Continue" not in out:
            out += s.recv(65536)
        s.sendall(pattern(5000))
        while True:
            data = s.recv(65536)
            if not data: break
            out += data
        print(json.dumps(out.decode("latin1")))
        """)
        await live.stop()
        let text = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8), options: .fragmentsAllowed) as? String)
        let slow = try #require(text.range(of: "slept 300")), interim = try #require(text.range(of: "HTTP/1.1 100 Continue\r\n\r\n"))
        let verified = try #require(text.range(of: path == "/echo" ? "Content-Length: 5000\r\n" : #"{"bytes":5000,"intact":true,"trailers":0}"#))
        #expect(slow.upperBound <= interim.lowerBound && interim.upperBound <= verified.lowerBound)
    }

    @Test func slowUploaderIsStreamedAndAStalledOneGets408() async throws {
        let live = try LiveServer { $0.bodyReadTimeout = .milliseconds(700) }
        let output = try await live.python(Self.prelude + """
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /stream/verify HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
        data = pattern(10000)
        for piece in range(10):
            chunk = data[piece * 1000:(piece + 1) * 1000]
            s.sendall(b"%x\\r\\n" % len(chunk) + chunk + b"\\r\\n")
            time.sleep(0.15)
        s.sendall(b"0\\r\\nX-Checked: yes\\r\\n\\r\\n")
        s.settimeout(5)
        out = b""
        while not out.endswith(b"}"):
            out += s.recv(65536)
        print(out.decode().split("\\r\\n\\r\\n")[1])
        print(exchange(b"POST /stream/verify HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5000\\r\\n\\r\\n" + pattern(1000)).split("\\r\\n")[0])
        """)
        await live.stop()
        let lines = output.split(separator: "\n")
        #expect(lines.first == #"{"bytes":10000,"intact":true,"trailers":1}"#)
        #expect(lines.last == "HTTP/1.1 408 Request Timeout")
        #expect(live.probe.bodyFailures.contains { $0.contains("request body not received in time") })
    }

    /// How the client goes away, and whether the server has paused reading by then (the
    /// handler sleeps while 1.5 MiB arrive, more than its 1 MiB buffer).
    @Test(arguments: [("close", false), ("reset", false), ("reset", true)])
    func clientAbortMidBodyFailsTheHandlersRead(how: String, whilePaused: Bool) async throws {
        let live = try LiveServer()
        let (query, sent) = whilePaused ? ("?pause_ms=600", 3 << 19) : ("", 300_000)
        _ = try await live.python(Self.prelude + """
        import struct
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /stream/verify\(query) HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4000000\\r\\n\\r\\n" + pattern(\(sent)))
        time.sleep(0.2)
        if "\(how)" == "reset":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        """)
        for _ in 0..<100 where live.probe.bodyFailures.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        await live.stop()
        #expect(live.probe.bodyFailures.count == 1)
        #expect(live.probe.bodyFailures.first?.contains("closed the connection before the request body ended") == true)
    }

    @Test func pipelinedRequestsAfterStreamedBodiesAreAnsweredInOrder() async throws {
        let live = try LiveServer()
        let output = try await live.python(Self.prelude + """
        body = pattern(70000)
        chunked = b"".join(b"%x\\r\\n" % len(body[i:i + 9000]) + body[i:i + 9000] + b"\\r\\n" for i in range(0, len(body), 9000))
        print(exchange(b"POST /stream/verify HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 70000\\r\\n\\r\\n" + body
            + b"POST /stream/verify HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n" + chunked + b"0\\r\\nA: 1\\r\\nB: 2\\r\\n\\r\\n"
            + b"GET /health HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\n\\r\\n"))
        """)
        await live.stop()
        let first = try #require(output.range(of: #"{"bytes":70000,"intact":true,"trailers":0}"#))
        let second = try #require(output.range(of: #"{"bytes":70000,"intact":true,"trailers":2}"#))
        let third = try #require(output.range(of: #"{"status":"healthy"}"#))
        #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        #expect(!output.contains("<timeout>"))
    }

    /// (request bytes, what the answer to the unread body must look like, whether a pipelined
    /// `GET /health` after it is still answered).
    static let unreadBodies: [(String, String, Bool)] = [
        ("small Content-Length remainder is discarded", "Content-Length: 1000\r\n\r\n" + String(repeating: "x", count: 1000), true),
        ("large Content-Length remainder closes", "Content-Length: 8000000\r\n\r\n" + String(repeating: "x", count: 2000), false),
        ("chunked remainder closes", "Transfer-Encoding: chunked\r\n\r\n3e8\r\n" + String(repeating: "x", count: 1000) + "\r\n", false),
        ("body held back for 100 Continue closes", "Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n", false),
    ]

    @Test(arguments: unreadBodies)
    func bodyTheHandlerLeavesUnreadIsDiscardedOrTheConnectionCloses(name: String, request: String, keepsConnection: Bool) async throws {
        let live = try LiveServer()
        let output = try await live.raw("POST /stream/ignore HTTP/1.1\r\nHost: a\r\n" + request + (keepsConnection ? "GET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" : ""))
        await live.stop()
        #expect(output.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(name): \(output.prefix(200))")
        #expect(!output.contains("100 Continue"))
        #expect(!output.contains("<timeout>"), "\(name): the server ends the exchange")
        let firstResponse = output.components(separatedBy: "ignored").first ?? ""
        #expect(firstResponse.contains("Connection: close") == !keepsConnection, "\(name)")
        #expect(output.hasSuffix(#"{"status":"healthy"}"#) == keepsConnection, "\(name)")
    }

    /// A handler that gives up on its body (here by cancelling the task that reads it) is not
    /// left waiting for bytes the client holds back: the read throws `CancellationError`.
    @Test func cancellingTheReaderWakesAPendingBodyRead() async throws {
        let live = try LiveServer()
        let started = ContinuousClock.now
        let output = try await live.raw("POST /stream/cancelled HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "z", count: 10),
                                        timeout: 2)
        await live.stop()
        #expect(output.hasPrefix("HTTP/1.1 200 OK\r\n") && output.contains("read cancelled"), "\(output)")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func routeLimitIsEnforcedOnDeclaredAndReceivedSizes() async throws {
        let live = try LiveServer()
        let declared = try await live.raw("POST /stream/limited HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1048577\r\n\r\n")
        let received = try await live.python(Self.prelude + """
        piece = b"x" * 65536
        print(exchange(b"POST /stream/limited HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n" + (b"10000\\r\\n" + piece + b"\\r\\n") * 17).split("\\r\\n")[0])
        """)
        let within = try await live.python(Self.prelude + """
        print(exchange(b"POST /stream/limited HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\nContent-Length: 1048576\\r\\n\\r\\n" + b"y" * 1048576).split("\\r\\n\\r\\n")[1])
        """)
        await live.stop()
        #expect(declared.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"), "refused before reading, without 100 Continue")
        #expect(received.trimmingCharacters(in: .whitespacesAndNewlines) == "HTTP/1.1 413 Content Too Large")
        #expect(live.probe.bodyFailures.count == 1, "the handler's read threw the 413")
        #expect(within.trimmingCharacters(in: .whitespacesAndNewlines) == "1048576")
    }

    @Test func gracefulShutdownLetsAStreamedUploadFinish() async throws {
        let live = try LiveServer()
        let upload = Task {
            try await live.python(Self.prelude + """
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /stream/verify HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 200000\\r\\n\\r\\n" + pattern(100000))
            time.sleep(0.6)
            s.sendall(pattern(200000)[100000:])
            s.settimeout(5)
            out = b""
            while True:
                data = s.recv(65536)
                if not data: break
                out += data
            print(out.decode())
            """)
        }
        try await Task.sleep(for: .milliseconds(300))
        live.server.shutdown()
        let output = try await upload.value
        await live.server.waitUntilStopped()
        #expect(output.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(output)")
        #expect(output.contains("Connection: close\r\n"))
        #expect(output.contains(#"{"bytes":200000,"intact":true,"trailers":0}"#))
    }

    @Test func streamedBodyEchoesIntoAStreamedResponse() async throws {
        let live = try LiveServer()
        let file = try TestEnvironment.temporaryDirectory("stream-echo").appendingPathComponent("body.bin")
        try Self.writePattern(to: file, count: 5 << 20)
        let result = try await offPool { try ProcessRunner.run("curl", ["-s", "-S", "--data-binary", "@\(file.path)", "\(live.base)/stream/echo"]) }
        await live.stop()
        #expect(result.standardOutput == (try Data(contentsOf: file)))
    }

    /// The ``UploadPattern`` bytes, `count` of them, written in 1 MiB-ish blocks.
    static func writePattern(to file: URL, count: Int) throws {
        try Data().write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let block = Data(UploadPattern.bytes.prefix(UploadPattern.period)).repeated(4_177)
        var written = 0
        while written < count {
            let piece = block.prefix(count - written)
            try handle.write(contentsOf: piece)
            written += piece.count
        }
    }
}

extension Data {
    /// This data `times` times over.
    fileprivate func repeated(_ times: Int) -> Data {
        var result = Data(capacity: count * times)
        for _ in 0..<times { result.append(self) }
        return result
    }
}
