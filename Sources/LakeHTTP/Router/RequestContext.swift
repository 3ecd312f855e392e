/// Per-request information handed to every handler and middleware.
public struct RequestContext: Sendable {
    /// The request id: the client's `X-Request-ID` if it is sane, else generated. Echoed in
    /// the `X-Request-ID` response header, error bodies and log lines.
    public var requestID: String
    /// The peer, `"127.0.0.1:53211"` or `"[::1]:53211"`.
    public var remoteAddress: String
    /// Path parameters captured by the route pattern.
    public var parameters: PathParameters
    /// The public id of the API key the request was admitted with (set by authentication
    /// middleware; never the secret). Handlers' log lines carry it.
    public var keyID: String?
    /// The server's logger, without this request's id.
    private let baseLogger: Logger

    /// A logger carrying this request's id (built on use, so requests that log nothing pay nothing).
    public var logger: Logger {
        var logger = baseLogger
        logger.metadata.append(("request_id", requestID))
        if let keyID { logger.metadata.append(("key_id", keyID)) }
        return logger
    }

    /// A context for one request.
    public init(requestID: String, remoteAddress: String, parameters: PathParameters = PathParameters(), logger: Logger) {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.parameters = parameters
        baseLogger = logger
    }
}

/// Named values captured from a request path by `{name}` and `**` route segments.
public struct PathParameters: Sendable {
    private var values: [(String, String)] = []

    /// No parameters.
    public init() {}

    /// Records a captured value (already percent-decoded).
    mutating func set(_ name: String, _ value: String) { values.append((name, value)) }

    /// The captured value of `name`.
    public subscript(name: String) -> String? { values.last { $0.0 == name }?.1 }

    /// The value of `name` converted, or a 400 `HTTPError` naming the parameter.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type = String.self) throws(HTTPError) -> T {
        guard let text = self[name] else {
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "missing path parameter '\(name)'")
        }
        guard let value = T(text) else {
            throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "invalid path parameter '\(name)'",
                            details: [name: ["not a valid \(T.self)"]])
        }
        return value
    }
}
