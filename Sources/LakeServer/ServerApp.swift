import Foundation
import LakeHTTP

/// The CandleLake HTTP application: every route of the service, wired onto one `Router`.
/// Later API groups add their routes in ``makeRouter()``.
public struct ServerApp: Sendable {
    /// Where the embedded object store and catalog live.
    public let dataDirectory: URL
    /// Allowed CORS origins (`CORS_ORIGINS`), `*` by default.
    public let corsOrigins: String

    /// An application rooted at `dataDirectory` (created if missing).
    public init(dataDirectory: URL, corsOrigins: String = "*") throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        self.dataDirectory = dataDirectory
        self.corsOrigins = corsOrigins
    }

    /// The router with middleware and all routes.
    public func makeRouter() -> Router {
        let router = Router()
        router.use(CORSMiddleware(originList: corsOrigins))
        router.get("/health", startsOnEventLoop: true) { _, _ in ServerApp.health() }
        return router
    }

    /// `{"status":"healthy","timestamp":"2026-11-22T16:31:10Z"}` (seed 000's shape).
    static func health() -> HTTPResponse {
        .json(#"{"status":"healthy","timestamp":""# + RFC3339.now() + #""}"#)
    }
}
