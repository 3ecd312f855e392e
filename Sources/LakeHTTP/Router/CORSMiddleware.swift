/// Cross-origin resource sharing: answers preflights and marks responses for allowed origins.
///
/// Origins come from `CORS_ORIGINS` in the CLI (comma-separated, default `*`).
public struct CORSMiddleware: HTTPMiddleware {
    /// Allowed origins; `["*"]` allows any.
    public let allowedOrigins: [String]
    /// Methods announced in preflight answers.
    public let allowedMethods: String
    /// How long a browser may cache a preflight answer, in seconds. Default: 600.
    public let maxAge: Int
    /// Response headers a browser script may read beyond the CORS-safelisted ones
    /// (`Access-Control-Expose-Headers`), e.g. paging headers. Default: `X-Request-ID`.
    public let exposedHeaders: String

    /// CORS for `allowedOrigins`.
    public init(allowedOrigins: [String] = ["*"], allowedMethods: String = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
                maxAge: Int = 600, exposedHeaders: [String] = ["X-Request-ID"]) {
        self.allowedOrigins = allowedOrigins
        self.allowedMethods = allowedMethods
        self.maxAge = maxAge
        self.exposedHeaders = exposedHeaders.joined(separator: ", ")
    }

    /// Parses `CORS_ORIGINS`-style text: `*` or `https://a.example, https://b.example`.
    public init(originList: String, exposedHeaders: [String] = ["X-Request-ID"]) {
        self.init(allowedOrigins: originList.split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty },
                  exposedHeaders: exposedHeaders)
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        guard let origin = request.headers["origin"], let allowed = allowedOriginValue(for: origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers["access-control-request-method"] != nil {
            var headers: HTTPHeaders = ["Access-Control-Allow-Origin": allowed, "Access-Control-Allow-Methods": allowedMethods,
                                        "Access-Control-Max-Age": String(maxAge), "Vary": "Origin"]
            if let requestedHeaders = request.headers["access-control-request-headers"] {
                headers["Access-Control-Allow-Headers"] = requestedHeaders
            }
            return HTTPResponse(status: .noContent, headers: headers)
        }
        do {
            var response = try await next(request, context)
            mark(&response.headers, allowed)
            return response
        } catch var error as HTTPError {
            mark(&error.headers, allowed)
            throw error
        }
    }

    private func allowedOriginValue(for origin: String) -> String? {
        if allowedOrigins.contains("*") { return "*" }
        return allowedOrigins.contains(origin) ? origin : nil
    }

    private func mark(_ headers: inout HTTPHeaders, _ allowed: String) {
        headers["Access-Control-Allow-Origin"] = allowed
        headers["Access-Control-Expose-Headers"] = exposedHeaders
        if allowed != "*" { headers.add("Vary", "Origin") }
    }
}
