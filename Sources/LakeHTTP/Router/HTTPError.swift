/// The one error type handlers throw to answer with a 4xx/5xx.
///
/// It is rendered in exactly one place (``HTTPError/response(path:requestID:)``) as
/// `{"error": CODE, "message", "details", "timestamp", "path", "request_id"}`. Any other
/// error escaping a handler becomes a 500 whose detail goes only to the log.
///
/// ```swift
/// throw HTTPError(.notFound, message: "unknown symbol NSE:FOO")
/// throw HTTPError(.badRequest, code: "VALIDATION_ERROR", message: "invalid parameters",
///                 details: ["limit": ["must be between 1 and 1000"]])
/// ```
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The response status.
    public var status: HTTPStatus
    /// Machine-readable code, e.g. `NOT_FOUND` (default: the reason phrase in SCREAMING_SNAKE).
    public var code: String
    /// Human-readable message; safe to show to the client.
    public var message: String
    /// Field name → problems with it.
    public var details: [String: [String]]
    /// Details that are facts rather than problems (`"limit": 1200`, `"reset_at": "…"`), written
    /// beside ``details`` as JSON numbers and strings (seed 004's 429 body).
    public var detailValues: [String: DetailValue] = [:]
    /// Extra response headers (`Allow`, `Retry-After`, …).
    public var headers: HTTPHeaders

    /// An error answered with `status`.
    public init(_ status: HTTPStatus, code: String? = nil, message: String? = nil,
                details: [String: [String]] = [:], headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.code = code ?? HTTPError.defaultCode(for: status)
        self.message = message ?? status.reason
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// A value of ``detailValues``.
    public enum DetailValue: Sendable, Equatable {
        case integer(Int)
        case string(String)

        var json: String {
            switch self {
            case .integer(let value): String(value)
            case .string(let text): JSONText.quote(text)
            }
        }
    }

    /// `Not Found` → `NOT_FOUND`.
    static func defaultCode(for status: HTTPStatus) -> String {
        String(status.reason.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// The JSON error response; the only place errors are turned into bytes.
    public func response(path: Substring, requestID: String) -> HTTPResponse {
        let problems = self.details.map { key, problems in (key, "[" + problems.map(JSONText.quote).joined(separator: ",") + "]") }
        let details = JSONText.object((problems + detailValues.map { ($0.key, $0.value.json) }).sorted { $0.0 < $1.0 })
        let body = JSONText.object([
            ("error", JSONText.quote(code)),
            ("message", JSONText.quote(message)),
            ("details", details),
            ("timestamp", JSONText.quote(RFC3339.now())),
            ("path", JSONText.quote(String(path))),
            ("request_id", JSONText.quote(requestID)),
        ])
        var response = HTTPResponse.json(body, status: status)
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }
}
