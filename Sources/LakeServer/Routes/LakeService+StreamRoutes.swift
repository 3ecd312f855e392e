import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP
import LakeQuery

/// Seed 002's streaming side: `ws /ws/stream` (live candles, see ``StreamHub``), the admin views
/// of it (`GET /api/v1/admin/websocket/status`, `…/connections`) and
/// `GET /api/v1/monitoring/health`, whose component breakdown includes it.
extension LakeService {
    func registerStreamRoutes(on router: Router) {
        router.webSocket("/ws/stream") { [self] socket, request, context in
            // The client as the rate limit sees it: behind a trusted proxy, the address it forwarded for.
            let client = accessControl.clientAddresses.client(of: request, remoteAddress: context.remoteAddress)
            guard let id = streams.connect(socket, address: client?.description ?? StreamHub.host(of: context.remoteAddress)) else {
                let limit = streams.settings.maximumConnectionsPerAddress
                try? socket.send(text: StreamMessage.text(StreamMessage.ErrorMessage(
                    errorCode: StreamProtocolError.Code.connectionError.rawValue,
                    message: "at most \(limit) WebSocket connections per IP address")))
                socket.close(code: 1008, reason: "too many connections from this address")
                return
            }
            defer { streams.disconnect(id) }
            for await message in socket.messages {
                switch message {
                case .text(let text): await streams.receive(Array(text.utf8), from: id)
                case .binary(let bytes): await streams.receive(bytes, from: id)
                }
            }
        }
        router.get("/api/v1/admin/websocket/status") { [self] _, _ in
            try JSONBody.response(Envelope(success: true, data: streams.status, message: "WebSocket status retrieved successfully",
                                           timestamp: Self.epochMilliseconds(), error: nil))
        }
        router.get("/api/v1/admin/websocket/connections") { [self] _, _ in
            try JSONBody.response(Envelope(success: true, data: streams.connections,
                                           message: "WebSocket connections info retrieved successfully",
                                           timestamp: Self.epochMilliseconds(), error: nil))
        }
        router.get("/api/v1/monitoring/health") { [self] _, _ in try JSONBody.response(await monitoringHealth()) }
    }

    /// The hub of this service: candles through the query engine, symbols as the lake spells them.
    static func makeStreamHub(queries: BarQueryService, catalog: Catalog, configuration: ServerConfiguration, logger: Logger) -> StreamHub {
        var settings = StreamHub.Settings()
        settings.heartbeatInterval = .seconds(configuration.streamHeartbeatSeconds)
        settings.maximumConnectionsPerAddress = configuration.streamMaxConnectionsPerIP
        // Rounds ask for the same forming candles every second: objects already aggregated
        // are not read again, so a round reads only what arrived since the last one.
        var queries = queries
        queries.aggregates = ObjectAggregateCache()
        return StreamHub(settings: settings, candles: { [queries] symbol, minutes, range in
            do {
                return try await queries.bars(BarQuery(symbol: symbol, timeframe: try Timeframe(minutes: minutes), range: range)).bars
            } catch let error as QueryError where error.kind == .noData {
                return BarBatch()
            }
        }, resolve: { symbol in
            try? LakeSymbolResolver(catalog: catalog).resolve(symbol)?.symbol
        }, logger: logger)
    }

    /// Seed 002's component health: the store (probed), the catalog, the stream hub.
    struct MonitoringHealth: Encodable {
        struct Components: Encodable {
            let initialized: Bool
            let store: StatusDocument.Store
            let catalog: StatusDocument.CatalogTotals
            let websocketManager: WebSocketManager

            enum CodingKeys: String, CodingKey { case initialized, store, catalog, websocketManager = "websocket_manager" }
        }

        struct WebSocketManager: Encodable {
            let connections, activeSymbols, subscriptions: Int
            let updateTaskRunning: Bool

            enum CodingKeys: String, CodingKey {
                case connections, activeSymbols = "active_symbols", subscriptions, updateTaskRunning = "update_task_running"
            }
        }

        let status: String
        let components: Components
        let timestamp: Int64
        let uptimeSeconds: Double

        enum CodingKeys: String, CodingKey { case status, components, timestamp, uptimeSeconds = "uptime_seconds" }
    }

    private func monitoringHealth() async -> MonitoringHealth {
        let (reachable, storeError) = await probeStore()
        let stats = try? lake.catalog.stats()
        let hub = streams.status
        return MonitoringHealth(
            status: reachable && stats != nil ? "healthy" : "degraded",
            components: .init(initialized: true,
                              store: .init(backend: lake.location.backendName, location: lake.location.root + lake.listingPrefix,
                                           reachable: reachable, error: storeError),
                              catalog: .init(objects: stats?.objectCount ?? 0, rows: stats?.rowCount ?? 0, bytes: stats?.totalBytes ?? 0,
                                             symbols: stats?.symbolCount ?? 0),
                              websocketManager: .init(connections: hub.connectionsCount, activeSymbols: hub.activeSymbols,
                                                      subscriptions: hub.totalSubscriptions, updateTaskRunning: hub.updateTaskRunning)),
            timestamp: Self.epochMilliseconds(), uptimeSeconds: (uptime * 10).rounded() / 10)
    }
}
