/// A finished HTTP exchange.
public struct HTTPResponse: Sendable {
    /// Status code of the final response (after any `100 Continue`).
    public let status: Int
    /// Headers with lower-cased names, in arrival order.
    public let headers: [(name: String, value: String)]
    /// The body, unless it went to a sink (then only an error body is kept here).
    public let body: [UInt8]
    /// Bytes handed to the sink.
    public let streamedByteCount: Int

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Receives a response body piece by piece, on the transport's thread; throwing aborts
/// the transfer. Keep it quick (append to a buffer, write to a file).
public typealias HTTPBodySink = @Sendable (UnsafeRawBufferPointer) throws -> Void
