import CCurl

/// A transfer that failed below HTTP: no connection, a timeout, a reset, a sink error.
public struct HTTPTransportError: Error, CustomStringConvertible {
    /// The libcurl result code.
    public let code: Int
    /// curl's explanation (and detail from its error buffer).
    public let message: String
    /// An error thrown by the body sink, which aborted the transfer.
    public let sinkError: (any Error)?
    /// Headers of a response that had begun before the failure (lower-cased names);
    /// empty when none arrived. A resumed download needs its ETag.
    public var responseHeaders: [(name: String, value: String)] = []

    /// Whether the limit that fired was a timeout (connect, stall or total).
    public var isTimeout: Bool { code == Int(CURLE_OPERATION_TIMEDOUT.rawValue) }

    /// Whether the failure is worth retrying: connection trouble and timeouts, not
    /// misuse (bad URL) and not a sink that refused data.
    public var isTransient: Bool {
        guard sinkError == nil else { return false }
        let transient: [CURLcode] = [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT,
                                     CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
                                     CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM]
        return transient.contains { Int($0.rawValue) == code }
    }

    public var description: String {
        if let sinkError { return "transfer aborted by the body sink: \(sinkError)" }
        return "HTTP transfer failed (curl \(code)): \(message)"
    }
}
