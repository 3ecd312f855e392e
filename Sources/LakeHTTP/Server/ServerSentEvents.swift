/// Server-Sent Events (the `text/event-stream` format of the HTML standard) on top of a
/// streamed response, so a slow client holds the producer back like any other stream.
///
/// ```swift
/// router.get("/events") { _, _ in
///     .eventStream { events in
///         for await tick in ticks { try await events.send(data: tick.json, event: "tick") }
///     }
/// }
/// ```
public struct ServerSentEventWriter: Sendable {
    let writer: ResponseBodyWriter

    /// Sends one event. Multi-line data becomes several `data:` lines; `event` and `id`
    /// must not contain line breaks (they are dropped from them).
    public func send(data: String, event: String? = nil, id: String? = nil, retryMilliseconds: Int? = nil) async throws {
        var text = ""
        if let event { text += "event: " + ServerSentEventWriter.singleLine(event) + "\n" }
        if let id { text += "id: " + ServerSentEventWriter.singleLine(id) + "\n" }
        if let retryMilliseconds { text += "retry: \(retryMilliseconds)\n" }
        var lines = data.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.isEmpty { lines = [""] }
        for line in lines { text += "data: " + ServerSentEventWriter.singleLine(String(line)) + "\n" }
        try await writer.write(text + "\n")
    }

    /// Sends a comment line, which clients ignore: keeps idle proxies from closing the stream.
    public func heartbeat() async throws {
        try await writer.write(":\n\n")
    }

    private static func singleLine(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
    }
}

extension HTTPResponse {
    /// A `text/event-stream` response whose events `producer` sends.
    public static func eventStream(_ producer: @escaping @Sendable (ServerSentEventWriter) async throws -> Void) -> HTTPResponse {
        HTTPResponse(status: .ok,
                     headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no"],
                     body: .stream(length: nil) { writer in try await producer(ServerSentEventWriter(writer: writer)) })
    }
}
