import LakeHTTP

/// Admits a request to one route only with an API key holding the scope its class needs in the
/// mode (``RouteAccess/requiredScope(in:)``): 401 (with `WWW-Authenticate: Bearer`) for a
/// missing, unknown, revoked or expired key, 403 for a key without the scope. The key comes as
/// `X-API-Key: SECRET` or `Authorization: Bearer SECRET`, and on routes that allow it (the
/// WebSocket stream) as `?api_key=SECRET`.
///
/// Each route gets its own instance at registration (``provider(mode:verifier:refusal:)``), so
/// a request pays no path matching here; routes that need no key in the mode get none. A
/// catalog failure while looking a key up is thrown, so the request fails closed (500).
public struct APIKeyMiddleware: HTTPMiddleware {
    /// Turns a refusal into the response (seed 002's routes answer in their envelope).
    public typealias Refusal = @Sendable (HTTPError, LakeHTTP.HTTPRequest) throws -> LakeHTTP.HTTPResponse

    /// The mode the service runs in (decides, with ``access``, the scope needed).
    public let mode: AuthMode
    /// The route's class.
    public let access: RouteAccess
    /// Whether `?api_key=` is read too.
    public let acceptsQueryKey: Bool
    private let verifier: APIKeyVerifier
    private let refusal: Refusal

    /// The check for one route of class `access`.
    public init(mode: AuthMode, access: RouteAccess, acceptsQueryKey: Bool = false, verifier: APIKeyVerifier,
                refusal: @escaping Refusal = { error, _ in throw error }) {
        (self.mode, self.access, self.acceptsQueryKey, self.verifier, self.refusal) = (mode, access, acceptsQueryKey, verifier, refusal)
    }

    /// The middleware of each route as it is registered: classified by ``RouteAccess/table``,
    /// none where `mode` asks no key of the route's class.
    public static func provider(mode: AuthMode, verifier: APIKeyVerifier, refusal: @escaping Refusal) -> RouteMiddlewareProvider {
        { method, pattern in
            let access = RouteAccess.of(method, pattern)
            guard access.requiredScope(in: mode) != nil else { return nil }
            return APIKeyMiddleware(mode: mode, access: access, acceptsQueryKey: RouteAccess.queryKeyPatterns.contains(pattern),
                                    verifier: verifier, refusal: refusal)
        }
    }

    public func handle(_ request: LakeHTTP.HTTPRequest, context: RequestContext, next: RouteHandler) async throws -> LakeHTTP.HTTPResponse {
        let key = try credential(of: request).map { try verifier.verify(secret: $0) } ?? .missing
        let decision = AuthDecision.decide(mode: mode, access: access, key: key)
        if let error = decision.error { return try refusal(error, request) }
        guard case .allow(let keyID?) = decision else { return try await next(request, context) }
        var context = context
        context.keyID = keyID
        var response = try await next(request, context)
        response.principal = keyID
        return response
    }

    /// The secret the request presents, if any: `X-API-Key`, else a Bearer token, else (where
    /// allowed) the `api_key` query parameter.
    func credential(of request: HTTPRequest) -> String? {
        if let value = request.headers["x-api-key"], !value.isEmpty { return value }
        if let authorization = request.headers["authorization"] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1].drop { $0 == " " }) }
        }
        guard acceptsQueryKey, request.queryString != nil else { return nil }
        return request.query["api_key"]
    }
}
