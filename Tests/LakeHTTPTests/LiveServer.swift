import Foundation
import LakeHTTP
import LakeTestSupport
import Synchronization

/// A LakeHTTP server on an ephemeral port with routes the live tests exercise.
final class LiveServer: Sendable {
    let server: HTTPServer
    let port: Int
    private let endlessCounter: ByteCounter
    private let slowCounter: ByteCounter
    private let floodCounter: ByteCounter
    /// What the streaming-body routes saw.
    let probe: StreamProbe

    var base: String { "http://127.0.0.1:\(port)" }

    init(configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, workers: 2)
        configuration.handlesSignals = false
        configure(&configuration)
        let router = Router()
        // Immediate routes, registered before the middleware so that they really run as plain
        // calls on the event loop.
        router.getImmediately("/now/{word}") { _, context in .text("now " + (try context.parameters.require("word"))) }
        router.getImmediately("/now-fail") { _, _ in throw HTTPError(.conflict, message: "immediately refused") }
        let bigAnswers = ByteCounter()
        router.getImmediately("/now-big") { _, _ in
            bigAnswers.value.add(1, ordering: .relaxed)
            return .json(bytes: Array(String(repeating: #"{"open":1.25,"close":1.5},"#, count: 2_000).utf8))
        }
        router.getImmediately("/now-big/count") { _, _ in .text(String(bigAnswers.value.load(ordering: .relaxed))) }
        router.use(CORSMiddleware(allowedOrigins: ["https://app.example"]))
        let streamed = ByteCounter()
        let slowStarted = ByteCounter()
        router.get("/health") { _, _ in .json(#"{"status":"healthy"}"#) }
        router.post("/echo") { request, context in
            var response = HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: .bytes(request.body))
            response.headers["X-Trailer-Count"] = String(request.trailers.count)
            response.headers["X-Remote"] = context.remoteAddress
            return response
        }
        router.get("/items/{id}") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return .json(#"{"id":\#(id),"tags":\#(request.query.values("tag").count),"q":"\#(request.query["q"] ?? "")"}"#)
        }
        router.get("/files/**") { _, context in .text(context.parameters["**"] ?? "") }
        router.get("/slow/{ms}") { _, context in
            let milliseconds = try context.parameters.require("ms", as: Int.self)
            slowStarted.value.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(milliseconds))
            return .text("slept \(milliseconds)")
        }
        router.get("/big") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"],
                         body: .bytes(Array(String(repeating: #"{"open":1.25,"close":1.5},"#, count: 2_000).utf8)))
        }
        router.get("/varied") { _, _ in
            // 40,000 numbers of a fixed pseudo-random walk: compresses, but not to nothing.
            var state: UInt64 = 7
            let numbers = (0..<40_000).map { _ -> String in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return String(state >> 44)
            }
            return .json("[" + numbers.joined(separator: ",") + "]")
        }
        router.get("/stream/chunks") { _, _ in
            HTTPResponse(body: .stream(length: nil) { writer in
                for index in 0..<5 { try await writer.write("part \(index)\n") }
            })
        }
        router.get("/stream/endless") { _, _ in
            HTTPResponse(body: .stream(length: nil) { writer in
                let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
                while true {
                    try await writer.write(chunk)
                    streamed.value.add(chunk.count, ordering: .relaxed)
                }
            })
        }
        router.get("/events") { _, _ in
            .eventStream { events in
                try await events.send(data: "one", event: "tick", id: "1")
                try await events.send(data: "two\nlines")
            }
        }
        router.get("/inject") { _, _ in HTTPResponse(headers: ["X-Bad": "a\r\nSet-Cookie: x=1"]) }
        router.get("/crash") { _, _ in throw CocoaError(.fileNoSuchFile) }
        let probe = StreamProbe()
        self.probe = probe
        Self.registerStreamingRoutes(on: router, probe: probe)
        router.webSocket("/ws/echo") { socket, _, _ in
            for await message in socket.messages { try socket.send(message) }
        }
        let floodOutcome = ByteCounter()
        router.webSocket("/ws/flood", compression: false) { socket, _, _ in
            let chunk = [UInt8](repeating: 0x42, count: 1_024)
            do throws(WebSocketSendError) {
                while true { try socket.send(binary: chunk) }
            } catch {
                floodOutcome.value.store(error == .closed ? 1 : 2, ordering: .relaxed)
            }
        }
        server = HTTPServer(configuration: configuration, responder: router, logger: Logger(label: "test", level: .warning))
        endlessCounter = streamed
        slowCounter = slowStarted
        floodCounter = floodOutcome
        port = try server.start()
    }

    /// Bytes the `/stream/endless` producer managed to hand to the server so far.
    var endlessStreamBytes: Int { endlessCounter.value.load(ordering: .relaxed) }

    /// How many `/slow/…` requests reached their handler.
    var slowRequestsStarted: Int { slowCounter.value.load(ordering: .relaxed) }

    /// How the `/ws/flood` sender stopped: 0 not yet, 1 closed, 2 message dropped.
    var floodOutcome: Int { floodCounter.value.load(ordering: .relaxed) }

    /// Stops the server and waits for its loops.
    func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
    }

    /// Runs a Python snippet with the port as its first argument; returns stdout.
    func python(_ script: String) async throws -> String {
        let port = self.port
        let result = try await offPool { try ProcessRunner.python(script, [String(port)]) }
        guard result.status == 0 else { throw LiveTestFailure("python failed: \(result.standardError)") }
        return result.output
    }

    /// Python that defines `port` (the first argument) and `exchange(payload, timeout)`: sends
    /// the bytes over one TCP connection and returns, as text, everything the server sent
    /// until it closed (or `<timeout>` after `timeout` seconds of silence).
    static let exchangePrelude = """
    import socket, sys, time, json
    port = int(sys.argv[1])
    def exchange(payload, timeout=5):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(payload)
        s.settimeout(timeout)
        out = b""
        try:
            while True:
                data = s.recv(65536)
                if not data: break
                out += data
        except socket.timeout:
            out += b"<timeout>"
        return out.decode("latin1")

    """

    /// Raw bytes over one TCP connection; returns everything the server sent until close
    /// (or `timeout` seconds of silence).
    func raw(_ request: String, timeout: Double = 3) async throws -> String {
        try await python(Self.exchangePrelude + "sys.stdout.write(exchange(\(pythonBytes(request)), \(timeout)))\n")
    }

    private func pythonBytes(_ text: String) -> String {
        "bytes([" + text.utf8.map(String.init).joined(separator: ",") + "])"
    }
}

/// Runs blocking work (a child process) on its own thread. Blocking a thread of the
/// concurrency pool instead could starve the server's handlers, which run on that pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A counter shared with a route handler.
final class ByteCounter: Sendable {
    let value = Atomic<Int>(0)
}

struct LiveTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
