import LakeHTTP
import LakeServer
import Testing

/// ``RouteAccess/table`` covers exactly the routes the service registers: a new route that is
/// not classified fails here (and is admin-only until it is), a stale entry too.
struct RouteAccessTests {
    @Test func everyRegisteredRouteIsClassified() async throws {
        let harness = try ServiceHarness(.local)
        let routes = harness.service.makeRouter().routes
        await harness.stop()
        #expect(routes.count > 30)
        let unclassified = routes.filter { !RouteAccess.isClassified($0.method, $0.pattern) }
        #expect(unclassified.isEmpty, "add these to RouteAccess.table: \(unclassified)")
        let registered = Set(routes.map(\.description))
        let stale = RouteAccess.table.keys.filter { !registered.contains($0) }
        #expect(stale.isEmpty, "RouteAccess.table lists routes that do not exist: \(stale.sorted())")
    }

    /// The writing and operating routes the brief names are never readable without a key in `writes`.
    @Test(arguments: ["POST /upload", "POST /uploads/complete", "POST /presign/upload", "POST /presign/download",
                      "POST /v1/trades/ingest", "POST /api/v1/admin/system/sync", "POST /api/v1/admin/compact",
                      "DELETE /api/v1/cache", "GET /api/v1/admin/websocket/connections"])
    func writesAndOperationsNeedAKey(_ route: String) throws {
        let access = try #require(RouteAccess.table[route])
        #expect(access.requiredScope(in: .writes) != nil)
        #expect(access.requiredScope(in: .off) == nil)
    }

    @Test func anUnclassifiedRouteIsAdminOnly() {
        #expect(RouteAccess.of(.get, "/not/in/the/table") == .admin)
        #expect(RouteAccess.of(.get, "/health").requiredScope(in: .all) == nil)
    }
}
