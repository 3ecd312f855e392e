extension StreamHub {
    /// The counters of `GET /api/v1/admin/websocket/status`.
    struct Status: Encodable {
        let connectionsCount, activeSymbols, totalSubscriptions, mvReferencesCount, clickhouseManagers: Int
        let messagesSent, errorsCount: Int
        let uptimeSeconds: Int64
        let updateTaskRunning, heartbeatTaskRunning: Bool

        enum CodingKeys: String, CodingKey {
            case connectionsCount = "connections_count", activeSymbols = "active_symbols", totalSubscriptions = "total_subscriptions"
            case mvReferencesCount = "mv_references_count", clickhouseManagers = "clickhouse_managers", messagesSent = "messages_sent"
            case errorsCount = "errors_count", uptimeSeconds = "uptime_seconds", updateTaskRunning = "update_task_running"
            case heartbeatTaskRunning = "heartbeat_task_running"
        }
    }

    /// `GET /api/v1/admin/websocket/connections`.
    struct Connections: Encodable {
        let connections: [Connection]
        let totalConnections: Int
        let activeSymbols: [String]
        let mvReferences: [String: Int]

        enum CodingKeys: String, CodingKey {
            case connections, totalConnections = "total_connections", activeSymbols = "active_symbols", mvReferences = "mv_references"
        }
    }

    /// One client: times in epoch seconds (with milliseconds), as seed 002 shows them.
    struct Connection: Encodable {
        let clientID: String
        let ipAddress: String
        let connectedAt: Double
        let connectionDuration: Double
        let lastPing: Double?
        let subscriptions: [String: [Int]]
        let totalSubscriptions: Int

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id", ipAddress = "ip_address", connectedAt = "connected_at"
            case connectionDuration = "connection_duration", lastPing = "last_ping", subscriptions, totalSubscriptions = "total_subscriptions"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(clientID, forKey: .clientID)
            try container.encode(ipAddress, forKey: .ipAddress)
            try container.encode(connectedAt, forKey: .connectedAt)
            try container.encode(connectionDuration, forKey: .connectionDuration)
            try container.encode(lastPing, forKey: .lastPing)
            try container.encode(subscriptions, forKey: .subscriptions)
            try container.encode(totalSubscriptions, forKey: .totalSubscriptions)
        }
    }
}
