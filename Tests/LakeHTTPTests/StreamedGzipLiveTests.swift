import Foundation
import LakeHTTP
import LakeTestSupport
import Testing

/// Streamed (chunked) responses are gzipped chunk by chunk when the client accepts it.
@Suite struct StreamedGzipLiveTests {
    static let expected: String = (0..<20).map { batch in
        (0..<10).map { #"{"batch":\#(batch),"line":\#($0),"close":1.25}"# + "\n" }.joined()
    }.joined()

    @Test func pythonDecodesEveryChunkAsItArrives() async throws {
        let live = try LiveServer()
        let output = try await live.python("""
        import socket, sys, zlib, json
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.sendall(b"GET /stream/ndjson HTTP/1.1\\r\\nHost: a\\r\\nAccept-Encoding: gzip\\r\\nConnection: close\\r\\n\\r\\n")
        data = b""
        while True:
            piece = s.recv(65536)
            if not piece: break
            data += piece
        head, body = data.split(b"\\r\\n\\r\\n", 1)
        inflater = zlib.decompressobj(31)
        chunks = []
        while True:
            size_line, body = body.split(b"\\r\\n", 1)
            size = int(size_line, 16)
            if size == 0: break
            chunks.append(inflater.decompress(body[:size]).decode())
            body = body[size + 2:]
        headers = [line.lower() for line in head.decode().split("\\r\\n")[1:]]
        print(json.dumps({"headers": sorted(h for h in headers if h.split(":")[0] in ("content-encoding", "vary", "transfer-encoding")),
                          "first": chunks[0], "text": "".join(chunks), "eof": inflater.eof}))
        """)
        await live.stop()
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["headers"] as? [String] == ["content-encoding: gzip", "transfer-encoding: chunked", "vary: accept-encoding"])
        // The first transport chunk alone inflates to the first write: flushed at the chunk boundary.
        #expect(result["first"] as? String == String(Self.expected.split(separator: "\n").prefix(10).joined(separator: "\n") + "\n"))
        #expect(result["text"] as? String == Self.expected)
        #expect(result["eof"] as? Bool == true, "the gzip stream is finished with its trailer")
    }

    @Test(arguments: [true, false])
    func curlGetsTheSameBodyWithAndWithoutGzip(compressed: Bool) async throws {
        let live = try LiveServer()
        let arguments = ["-s", "-D", "-"] + (compressed ? ["--compressed"] : []) + ["\(live.base)/stream/ndjson"]
        let result = try await offPool { try ProcessRunner.run("curl", arguments) }
        await live.stop()
        let parts = result.output.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 2)
        #expect(parts[0].lowercased().contains("content-encoding: gzip") == compressed)
        #expect(parts.last == Self.expected)
    }
}
