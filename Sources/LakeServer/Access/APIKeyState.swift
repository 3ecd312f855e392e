import LakeHTTP

/// What the key a request presents amounts to.
public enum APIKeyState: Sendable, Equatable {
    /// No `X-API-Key`, `Authorization: Bearer` (or, on the stream, `?api_key=`).
    case missing
    /// No key has this secret.
    case unknown
    /// Key `keyID` was revoked.
    case revoked(keyID: String)
    /// Key `keyID` is past its expiry.
    case expired(keyID: String)
    /// Key `keyID`, usable, with its scopes.
    case valid(keyID: String, scopes: [APIScope])
}

/// The verdict on one request: the pure decision of the mode × route class × key state table.
public enum AuthDecision: Sendable, Equatable {
    /// Served (as key `keyID`, when one was needed).
    case allow(keyID: String?)
    /// 401: no usable key; the message says which of the four reasons.
    case unauthorized(message: String)
    /// 403: a usable key without the scope the route needs.
    case forbidden(keyID: String, needed: APIScope)

    /// The decision for a request to a route of class `access` under `mode` with `key`.
    public static func decide(mode: AuthMode, access: RouteAccess, key: APIKeyState) -> AuthDecision {
        guard let needed = access.requiredScope(in: mode) else { return .allow(keyID: nil) }
        switch key {
        case .missing: return .unauthorized(message: "API key required (send X-API-Key or Authorization: Bearer)")
        case .unknown: return .unauthorized(message: "Invalid API key")
        case .revoked: return .unauthorized(message: "API key revoked")
        case .expired: return .unauthorized(message: "API key expired")
        case .valid(let keyID, let scopes):
            return needed.isGranted(by: scopes) ? .allow(keyID: keyID) : .forbidden(keyID: keyID, needed: needed)
        }
    }

    /// The HTTP status of the decision.
    public var status: HTTPStatus {
        switch self {
        case .allow: .ok
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        }
    }

    /// The refusal in our error shape (nil when allowed). A 401 carries `WWW-Authenticate:
    /// Bearer` (RFC 9110 §11.6.1 requires a challenge); neither names the secret sent.
    public var error: HTTPError? {
        switch self {
        case .allow: return nil
        case .unauthorized(let message):
            return HTTPError(.unauthorized, code: "UNAUTHORIZED", message: message, headers: ["WWW-Authenticate": "Bearer"])
        case .forbidden(_, let needed):
            var error = HTTPError(.forbidden, code: "FORBIDDEN", message: "API key lacks the '\(needed.rawValue)' scope this route needs")
            error.detailValues = ["required_scope": .string(needed.rawValue)]
            return error
        }
    }
}
