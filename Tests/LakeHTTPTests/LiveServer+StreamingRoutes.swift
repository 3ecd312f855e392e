import Glibc
import LakeHTTP
import Synchronization

/// What the streaming-body routes of ``LiveServer`` saw, for the tests to check.
final class StreamProbe: Sendable {
    private let failures = Mutex<[String]>([])

    /// Errors the handlers' body reads threw, in order.
    var bodyFailures: [String] { failures.withLock { $0 } }

    func record(_ error: any Error) { failures.withLock { $0.append("\(error)") } }
}

/// Bytes 0, 1, … 250, 0, 1, … — the body the streaming tests upload, checkable at any offset.
enum UploadPattern {
    static let period = 251
    /// The pattern from offset 0 for one period plus 64 KiB, so any piece of up to 64 KiB
    /// starting anywhere is a slice of it.
    static let bytes: [UInt8] = (0..<(period + 65_536)).map { UInt8($0 % period) }

    /// Whether `chunk` is the pattern's bytes starting at `offset`.
    static func matches(_ chunk: [UInt8], at offset: Int) -> Bool {
        var checked = 0
        return chunk.withUnsafeBytes { piece in
            bytes.withUnsafeBytes { pattern in
                while checked < piece.count {
                    let length = min(65_536, piece.count - checked)
                    let start = (offset + checked) % period
                    guard memcmp(piece.baseAddress! + checked, pattern.baseAddress! + start, length) == 0 else { return false }
                    checked += length
                }
                return true
            }
        }
    }
}

extension LiveServer {
    /// Routes whose handlers stream their request bodies.
    static func registerStreamingRoutes(on router: Router, probe: StreamProbe) {
        // Reads the body (after `pause_ms`, for back-pressure tests) and checks it against
        // the upload pattern without keeping it.
        router.post("/stream/verify", body: .streamed(maxSize: 1 << 30)) { request, _ in
            if let pause = request.query["pause_ms"].flatMap(Int.init) { try await Task.sleep(for: .milliseconds(pause)) }
            var received = 0, intact = true
            do {
                for try await chunk in request.bodyStream {
                    intact = intact && UploadPattern.matches(chunk, at: received)
                    received += chunk.count
                }
            } catch {
                probe.record(error)
                throw error
            }
            let trailers = request.bodyStream.trailers.count
            return .json(#"{"bytes":\#(received),"intact":\#(intact),"trailers":\#(trailers)}"#)
        }
        // Answers without reading the body.
        router.post("/stream/ignore", body: .streamed(maxSize: 64 << 20)) { _, _ in .text("ignored", status: .accepted) }
        // Accepts at most 1 MiB.
        router.post("/stream/limited", body: .streamed(maxSize: 1 << 20)) { request, _ in
            do {
                return .text("\(try await request.bodyStream.collect(upTo: .max).count)")
            } catch {
                probe.record(error)
                throw error
            }
        }
        // Reads in a task it cancels after 200 ms: a read waiting for bytes must give up then.
        router.post("/stream/cancelled", body: .streamed(maxSize: 1 << 20)) { request, _ in
            let reader = Task { () -> String in
                do {
                    return "read \(try await request.bodyStream.collect(upTo: .max).count) bytes"
                } catch is CancellationError {
                    return "read cancelled"
                } catch {
                    return "read failed: \(error)"
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            reader.cancel()
            return .text(await reader.value)
        }
        // Echoes the body in a streamed (chunked) response while it is still arriving.
        router.post("/stream/echo", body: .streamed()) { request, _ in
            HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: .sequence(request.bodyStream))
        }
        // NDJSON in 20 writes, for streamed gzip.
        router.get("/stream/ndjson") { _, _ in
            HTTPResponse(headers: ["Content-Type": "application/x-ndjson"], body: .stream(length: nil) { writer in
                for batch in 0..<20 {
                    var text = ""
                    for line in 0..<10 { text += #"{"batch":\#(batch),"line":\#(line),"close":1.25}"# + "\n" }
                    try await writer.write(text)
                }
            })
        }
    }
}
