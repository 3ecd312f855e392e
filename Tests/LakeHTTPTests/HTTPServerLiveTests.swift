import Foundation
import LakeHTTP
import LakeTestSupport
import Testing

/// The server over real sockets, driven by curl and python `requests`.
@Suite struct HTTPServerLiveTests {
    @Test func curlGetsHealthWithDateAndServerHeaders() async throws {
        let live = try LiveServer()
        let result = try await offPool { try ProcessRunner.run("curl", ["-si", "\(live.base)/health"]) }
        await live.stop()
        #expect(result.output.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(result.output.contains("Server: CandleLake\r\n"))
        #expect(result.output.contains("Date: "))
        #expect(result.output.contains("Content-Length: 20\r\n"))
        #expect(result.output.hasSuffix(#"{"status":"healthy"}"#))
    }

    @Test func curlUploadWithExpectContinueIsEchoed() async throws {
        let live = try LiveServer()
        let directory = try TestEnvironment.temporaryDirectory("upload")
        let file = directory.appendingPathComponent("body.bin")
        let body = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try body.write(to: file)
        let result = try await offPool { try ProcessRunner.run("curl", ["-s", "-H", "Expect: 100-continue", "--data-binary", "@\(file.path)", "\(live.base)/echo"]) }
        await live.stop()
        #expect(result.status == 0)
        #expect(result.standardOutput == body)
    }

    @Test func requestsSessionExercisesRoutingErrorsAndEncodings() async throws {
        let live = try LiveServer()
        let output = try await live.python("""
        import sys, json, requests
        base = "http://127.0.0.1:" + sys.argv[1]
        s = requests.Session()
        out = {}
        r1 = s.get(base + "/health"); r2 = s.get(base + "/health")
        out["keepalive"] = s.post(base + "/echo", data=b"x").headers["X-Remote"] == s.post(base + "/echo", data=b"y").headers["X-Remote"]
        def gen():
            yield b"hello "
            yield b"chunked"
        r = s.post(base + "/echo", data=gen())
        out["chunked"] = [r.content.decode(), r.headers["X-Trailer-Count"]]
        r = s.head(base + "/big")
        out["head"] = [r.status_code, int(r.headers["Content-Length"]) > 0, len(r.content)]
        r = s.get(base + "/nope")
        body = r.json()
        out["404"] = [r.status_code, body["error"], body["path"], sorted(body.keys())]
        r = s.post(base + "/health")
        out["405"] = [r.status_code, r.headers.get("Allow")]
        r = s.options(base + "/health")
        out["options"] = [r.status_code, r.headers.get("Allow")]
        r = s.get(base + "/big", headers={"Accept-Encoding": "gzip"})
        out["gzip"] = [r.headers.get("Content-Encoding"), r.headers.get("Vary"), len(r.content), r.content[:8].decode()]
        out["identity"] = s.get(base + "/big", headers={"Accept-Encoding": "identity"}).headers.get("Content-Encoding")
        out["query"] = s.get(base + "/items/42?tag=a&tag=b&q=a+b%21").json()
        r = s.get(base + "/items/x")
        out["badparam"] = [r.status_code, r.json()["error"], r.json()["details"]]
        out["catchall"] = s.get(base + "/files/a/b%20c/d").text
        r = s.options(base + "/health", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
        out["preflight"] = [r.status_code, r.headers.get("Access-Control-Allow-Origin")]
        out["cors"] = s.get(base + "/health", headers={"Origin": "https://app.example"}).headers.get("Access-Control-Allow-Origin")
        out["cors_other"] = s.get(base + "/health", headers={"Origin": "https://evil.example"}).headers.get("Access-Control-Allow-Origin")
        r = s.get(base + "/crash")
        out["crash"] = [r.status_code, r.json()["message"], r.json()["request_id"] == r.headers["X-Request-ID"]]
        out["inject"] = s.get(base + "/inject").status_code
        out["stream"] = s.get(base + "/stream/chunks").text
        r = s.get(base + "/events")
        out["sse"] = [r.headers["Content-Type"], r.text]
        out["request_id"] = s.get(base + "/health", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"]
        for key, value in out.items(): print(key + "=" + json.dumps(value, sort_keys=True))
        """)
        await live.stop()
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            result[String(parts[0])] = String(parts[1])
        }
        #expect(result["keepalive"] == "true")
        #expect(result["chunked"] == #"["hello chunked", "0"]"#)
        #expect(result["head"] == "[200, true, 0]")
        #expect(result["404"] == #"[404, "NOT_FOUND", "/nope", ["details", "error", "message", "path", "request_id", "timestamp"]]"#)
        #expect(result["405"] == #"[405, "GET, HEAD, OPTIONS"]"#)
        #expect(result["options"] == #"[204, "GET, HEAD, OPTIONS"]"#)
        #expect(result["gzip"] == #"["gzip", "Accept-Encoding", 52000, "{\"open\":"]"#)
        #expect(result["identity"] == "null")
        #expect(result["query"] == #"{"id": 42, "q": "a b!", "tags": 2}"#)
        #expect(result["badparam"] == #"[400, "VALIDATION_ERROR", {"id": ["not a valid Int"]}]"#)
        #expect(result["catchall"] == #""a/b c/d""#)
        #expect(result["preflight"] == #"[204, "https://app.example"]"#)
        #expect(result["cors"] == #""https://app.example""#)
        #expect(result["cors_other"] == "null")
        #expect(result["crash"] == #"[500, "Internal Server Error", true]"#)
        #expect(result["inject"] == "500")
        #expect(result["stream"] == #""part 0\npart 1\npart 2\npart 3\npart 4\n""#)
        #expect(result["sse"] == #"["text/event-stream", "event: tick\nid: 1\ndata: one\n\ndata: two\ndata: lines\n\n"]"#)
        #expect(result["request_id"] == #""abc-123""#)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let live = try LiveServer()
        let output = try await live.raw("GET /slow/300 HTTP/1.1\r\nHost: a\r\n\r\nGET /slow/10 HTTP/1.1\r\nHost: a\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        await live.stop()
        let first = try #require(output.range(of: "slept 300")), second = try #require(output.range(of: "slept 10"))
        let third = try #require(output.range(of: "healthy"))
        #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        #expect(!output.contains("<timeout>"))
    }

    /// A client that pipelines requests and reads no answers stops being read once its
    /// answers reach the write buffer's high-water mark (plus what the sockets hold), instead
    /// of having every answer built and queued in memory; once it reads, all are answered.
    @Test func aClientThatPipelinesWithoutReadingIsReadNoFurther() async throws {
        let live = try LiveServer()
        let requests = 1_500  // answers of 52 KB: 78 MB if all were built at once
        let output = try await live.python(LiveServer.exchangePrelude + """
        s = socket.create_connection(("127.0.0.1", port))
        s.setblocking(False)
        payload = b"GET /now-big HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n" * \(requests)
        sent = 0
        deadline = time.time() + 5
        while sent < len(payload) and time.time() < deadline:
            try:
                sent += s.send(payload[sent:])
            except BlockingIOError:
                time.sleep(0.01)
        time.sleep(0.5)
        built = exchange(b"GET /now-big/count HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\n\\r\\n").split("\\r\\n\\r\\n", 1)[1]
        s.sendall(payload[sent:])
        s.setblocking(True)
        s.settimeout(10)
        answers, tail = 0, b""
        while answers < \(requests):
            data = s.recv(1 << 20)
            if not data: break
            window = tail + data
            answers += window.count(b"HTTP/1.1 200 OK")
            tail = window[-14:]
        print(built, answers)
        """)
        await live.stop()
        let counts = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(counts.count == 2, "python printed: \(output)")
        #expect(counts[0] < 600, "answers built while the client read none: \(counts[0])")
        #expect(counts[1] == requests)
    }

    @Test func immediateRoutesAnswerInOrderWithErrorsAndGzip() async throws {
        let live = try LiveServer()
        let output = try await live.raw("GET /slow/200 HTTP/1.1\r\nHost: a\r\n\r\nGET /now/first HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /now-fail HTTP/1.1\r\nHost: a\r\n\r\nHEAD /now/head HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /now-big HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
        await live.stop()
        let slow = try #require(output.range(of: "slept 200")), now = try #require(output.range(of: "now first"))
        let conflict = try #require(output.range(of: "HTTP/1.1 409 Conflict")), refused = try #require(output.range(of: "immediately refused"))
        let gzip = try #require(output.range(of: "Content-Encoding: gzip"))
        #expect(slow.lowerBound < now.lowerBound && now.lowerBound < conflict.lowerBound)
        #expect(refused.lowerBound < gzip.lowerBound)
        #expect(!output.contains("now head"), "HEAD gets no body")
        #expect(output.components(separatedBy: "X-Request-ID: ").count == 6)
        #expect(output.components(separatedBy: "HTTP/1.1 200 OK").count == 5)
        #expect(!output.contains("<timeout>"))
    }

    /// `compressionLevel` reaches zlib (bodies known in full; streams build their encoder at the same level): level 9 is
    /// smaller than level 1, and both decode to the same body.
    @Test func compressionLevelIsZlibsLevel() async throws {
        var sizes: [Int32: [String]] = [:]
        for level: Int32 in [1, 9] {
            let live = try LiveServer { $0.compressionLevel = level }
            let output = try await live.python("""
                import sys, requests, zlib
                base = f"http://127.0.0.1:{sys.argv[1]}"
                plain = requests.get(base + "/varied", headers={"Accept-Encoding": "identity"}).content
                raw = requests.get(base + "/varied", headers={"Accept-Encoding": "gzip"}, stream=True).raw.read()
                assert zlib.decompress(raw, 31) == plain, "gzip body does not decode to the plain one"
                print(len(raw), len(plain))
                """)
            await live.stop()
            sizes[level] = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let (fast, small) = (try #require(sizes[1]), try #require(sizes[9]))
        #expect(fast[1] == small[1])
        #expect((Int(small[0]) ?? .max) < (Int(fast[0]) ?? 0), "level 9 \(small[0]) bytes, level 1 \(fast[0])")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 20_000) + "\r\n\r\n", "HTTP/1.1 431 Request Header Fields Too Large"),
        ("GET /" + String(repeating: "a", count: 9_000) + " HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 414 URI Too Long"),
        ("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n", "HTTP/1.1 413 Content Too Large"),
        ("GET / HTTP/3.0\r\nHost: a\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
    ])
    func refusesBadRequestsAndCloses(_ request: String, _ statusLine: String) async throws {
        let live = try LiveServer()
        let output = try await live.raw(request)
        await live.stop()
        #expect(output.hasPrefix(statusLine + "\r\n"))
        #expect(output.contains("Connection: close\r\n"))
        #expect(!output.contains("<timeout>"), "the server closes after refusing")
    }

    @Test func refusesConnectionsBeyondTheLimitWith503() async throws {
        let live = try LiveServer { $0.maxConnections = 1 }
        let output = try await live.python("""
        import socket, sys, time
        held = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        time.sleep(0.2)
        extra = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        extra.settimeout(3)
        print(extra.recv(4096).decode().split("\\r\\n")[0])
        """)
        await live.stop()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "HTTP/1.1 503 Service Unavailable")
    }

    @Test func slowHeadersGet408() async throws {
        let live = try LiveServer { $0.headerReadTimeout = .milliseconds(300) }
        let output = try await live.raw("GET / HTTP/1.1\r\nHost: a\r\n", timeout: 3)
        await live.stop()
        #expect(output.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(!output.contains("<timeout>"))
    }

    @Test func slowBodyGets408() async throws {
        let live = try LiveServer { $0.bodyReadTimeout = .milliseconds(300) }
        let output = try await live.raw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc", timeout: 3)
        await live.stop()
        #expect(output.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(!output.contains("<timeout>"))
    }

    @Test func clientThatStopsReadingIsDroppedAfterTheWriteTimeout() async throws {
        let live = try LiveServer { $0.writeTimeout = .milliseconds(300) }
        let output = try await live.python("""
        import socket, sys, time
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        # A small window: the server's buffers fill, and its write stall starts, at once.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        s.sendall(b"GET /stream/endless HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n")
        time.sleep(1.5)
        s.settimeout(5)
        deadline = time.monotonic() + 10
        try:
            while s.recv(1 << 20):
                if time.monotonic() > deadline:
                    print("still streaming after 10 s")
                    break
            else:
                print("closed")
        except Exception as error:
            print("error", error)
        """)
        await live.stop()
        #expect(output.hasPrefix("closed") || output.contains("reset"), "\(output)")
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let live = try LiveServer { $0.idleTimeout = .milliseconds(300) }
        let output = try await live.raw("GET /health HTTP/1.1\r\nHost: a\r\n\r\n", timeout: 3)
        await live.stop()
        #expect(output.hasSuffix(#"{"status":"healthy"}"#), "closed after the idle timeout, not by the client's timeout")
    }

    @Test func slowReaderHoldsBackTheStreamProducer() async throws {
        let live = try LiveServer()
        _ = try await live.python("""
        import socket, sys, time
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        s.sendall(b"GET /stream/endless HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n")
        time.sleep(1.5)
        """)
        let produced = live.endlessStreamBytes
        await live.stop()
        #expect(produced > 0)
        #expect(produced < 16 * 1024 * 1024, "the producer waited for the reader instead of buffering \\(produced) bytes")
    }

    @Test func secondServerOnTheSamePortFailsToStart() async throws {
        let live = try LiveServer()
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: live.port, workers: 1)
        configuration.handlesSignals = false
        let second = HTTPServer(configuration: configuration, responder: Router())
        #expect(throws: IOError.self) { try second.start() }
        await live.stop()
    }

    @Test func gracefulShutdownFinishesInFlightRequests() async throws {
        let live = try LiveServer()
        let port = live.port
        let request = Task { try await offPool { try ProcessRunner.run("curl", ["-s", "-i", "http://127.0.0.1:\(port)/slow/600"]) } }
        for _ in 0..<200 where live.slowRequestsStarted == 0 { try await Task.sleep(for: .milliseconds(25)) }
        live.server.shutdown()
        await live.server.waitUntilStopped()
        let result = try await request.value
        #expect(result.output.hasPrefix("HTTP/1.1 200 OK"))
        #expect(result.output.contains("Connection: close"))
        #expect(result.output.hasSuffix("slept 600"))
        let refused = try await offPool { try ProcessRunner.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health"]) }
        #expect(refused.output == "000")
    }
}
