import Foundation
import LakeCore
import LakeHTTP
import Synchronization

/// Seed 002's live candles: the clients of `/ws/stream`, what each subscribed to, the update
/// round that sends every subscription its forming candle each interval, heartbeats, and the
/// counters the admin endpoints report.
///
/// Candles come from the lake through `candles` (the query engine), so they are exactly what
/// the lake holds — trades acknowledged by the ingest API included — aggregated as `POST
/// /api/v1/bars` would: N-minute candles aligned to the UTC epoch. Each round reads each
/// subscribed (symbol, timeframe) once, however many clients share it, and sends the same
/// text to all of them.
///
/// ```swift
/// let hub = StreamHub(candles: { symbol, minutes, range in try await engine.candles(symbol, minutes, range) },
///                     resolve: { symbol in catalog.holds(symbol) ? symbol : nil })
/// hub.start()
/// ```
final class StreamHub: Sendable {
    /// The candles of `symbol` at `minutes` minutes that start in `range` (epoch ms), oldest first.
    typealias CandleSource = @Sendable (_ symbol: String, _ minutes: Int, _ range: Range<Int64>) async throws -> BarBatch
    /// The lake's spelling of a symbol a client names, or nil when the lake holds nothing of it.
    typealias SymbolResolver = @Sendable (String) -> String?

    /// Intervals and limits.
    struct Settings: Sendable {
        /// Between two update rounds (seed 002: one second).
        var updateInterval: Duration = .seconds(1)
        /// Between two heartbeats.
        var heartbeatInterval: Duration = .seconds(30)
        /// Open connections from one address (seed 002: 10).
        var maximumConnectionsPerAddress = 10
        /// (symbol, timeframe) pairs one connection may hold.
        var maximumSubscriptionsPerConnection = 200
        /// Forming candles read at once in an update round.
        var parallelReads = 4
    }

    /// One subscribed (symbol, timeframe): seed 002 calls it a materialized-view reference.
    struct Subscription: Hashable, Comparable, Sendable {
        let symbol: String
        let minutes: Int

        static func < (lhs: Subscription, rhs: Subscription) -> Bool { (lhs.symbol, lhs.minutes) < (rhs.symbol, rhs.minutes) }
    }

    private struct Client {
        let socket: WebSocket
        let address: String
        let connectedAt: Int64
        var lastPing: Int64?
        var subscriptions: Set<Subscription> = []
    }

    private struct State {
        var clients: [UInt64: Client] = [:]
        var nextID: UInt64 = 1
        var messagesSent = 0
        var errors = 0
        var updates: Task<Void, Never>?
        var heartbeats: Task<Void, Never>?
    }

    let settings: Settings
    private let candles: CandleSource
    private let resolve: SymbolResolver
    private let clock: @Sendable () -> Int64
    private let logger: Logger?
    private let startedAt: Int64
    private let state = Mutex(State())

    /// A hub reading candles from `candles`; `clock` gives epoch milliseconds (the wall clock by default).
    init(settings: Settings = Settings(), candles: @escaping CandleSource, resolve: @escaping SymbolResolver, logger: Logger? = nil,
         clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.settings = settings
        self.candles = candles
        self.resolve = resolve
        self.logger = logger
        self.clock = clock
        startedAt = clock()
    }

    // MARK: Lifecycle

    /// Starts the update rounds and heartbeats (once).
    func start() {
        state.withLock { state in
            guard state.updates == nil else { return }
            state.updates = Task { [self] in
                let clock = ContinuousClock()
                var beat = FixedBeat(start: clock.now, interval: settings.updateInterval)
                while !Task.isCancelled {
                    try? await Task.sleep(until: beat.next(now: clock.now), clock: clock)
                    if Task.isCancelled { break }
                    await updateRound()
                }
            }
            state.heartbeats = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: settings.heartbeatInterval)
                    if Task.isCancelled { break }
                    heartbeat()
                }
            }
        }
    }

    /// Stops the update rounds and heartbeats; the server closes the sockets themselves.
    func stop() {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            defer { state.updates = nil; state.heartbeats = nil }
            return [state.updates, state.heartbeats].compactMap { $0 }
        }
        for task in tasks { task.cancel() }
    }

    // MARK: Connections

    /// Registers a new socket from the client at `address` (an IP address, without port); nil when
    /// that address already has ``Settings/maximumConnectionsPerAddress`` open.
    func connect(_ socket: WebSocket, address: String) -> UInt64? {
        let now = clock()
        return state.withLock { state in
            let open = state.clients.values.reduce(0) { $0 + ($1.address == address ? 1 : 0) }
            guard open < settings.maximumConnectionsPerAddress else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = Client(socket: socket, address: address, connectedAt: now)
            return id
        }
    }

    /// Forgets a client and its subscriptions.
    func disconnect(_ id: UInt64) {
        _ = state.withLock { $0.clients.removeValue(forKey: id) }
    }

    /// Acts on one message from client `id`; a message that is not a valid command gets an `error` message back.
    func receive(_ message: [UInt8], from id: UInt64) async {
        let command: StreamCommand
        do {
            command = try StreamCommand.parse(message)
        } catch {
            state.withLock { $0.errors += 1 }
            send(StreamMessage.ErrorMessage(errorCode: error.code.rawValue, message: error.message), to: id)
            return
        }
        switch command {
        case .subscribe(let requests): await subscribe(id, to: requests)
        case .unsubscribe(let entries): unsubscribe(id, from: entries)
        case .ping(let clientTimestamp):
            let now = clock()
            state.withLock { $0.clients[id]?.lastPing = now }
            send(StreamMessage.Pong(timestamp: now, clientTimestamp: clientTimestamp), to: id)
        }
    }

    // MARK: Subscriptions

    private func subscribe(_ id: UInt64, to requests: [StreamSubscriptionRequest]) async {
        var successful: [String: [StreamMessage.TimeframeEcho]] = [:]
        var failed: [StreamMessage.Failure] = []
        var histories: [(Subscription, Int)] = []
        for request in requests {
            let minutes = request.timeframes.map(\.minutes)
            guard let symbol = resolve(request.symbol) else {
                failed.append(StreamMessage.Failure(symbol: request.symbol, timeframes: minutes, errorCode: "INVALID_SUBSCRIPTION",
                                                    message: "the lake holds no data for \(request.symbol)"))
                continue
            }
            for timeframe in request.timeframes {
                let subscription = Subscription(symbol: symbol, minutes: timeframe.minutes)
                let added = state.withLock { state -> Bool in
                    guard var client = state.clients[id] else { return false }
                    guard client.subscriptions.contains(subscription)
                            || client.subscriptions.count < settings.maximumSubscriptionsPerConnection else { return false }
                    client.subscriptions.insert(subscription)
                    state.clients[id] = client
                    return true
                }
                guard added else {
                    failed.append(StreamMessage.Failure(symbol: symbol, timeframes: [timeframe.minutes], errorCode: "INVALID_SUBSCRIPTION",
                                                        message: "at most \(settings.maximumSubscriptionsPerConnection) subscriptions per connection"))
                    continue
                }
                successful[symbol, default: []].append(StreamMessage.TimeframeEcho(timeframe: timeframe.minutes, initialCandles: timeframe.initialCandles))
                if timeframe.initialCandles > 0 { histories.append((subscription, timeframe.initialCandles)) }
            }
        }
        let total = successful.values.reduce(0) { $0 + $1.count }
        let message = failed.isEmpty ? "All subscriptions successful"
            : "\(total) subscription\(total == 1 ? "" : "s") successful, \(failed.count) failed"
        send(StreamMessage.SubscriptionResult(successful: successful, failed: failed, message: message), to: id)
        for (subscription, count) in histories {
            send(await history(subscription, count: count), to: id)
        }
    }

    private func unsubscribe(_ id: UInt64, from entries: [StreamUnsubscription]) {
        // Resolved before taking the lock: resolving asks the catalog.
        let resolved = entries.map { (symbol: resolve($0.symbol) ?? $0.symbol, minutes: $0.minutes) }
        let removed = state.withLock { state -> [String: [Int]] in
            guard var client = state.clients[id] else { return [:] }
            var removed: [String: [Int]] = [:]
            for entry in resolved {
                let symbol = entry.symbol
                let dropped = client.subscriptions.filter { $0.symbol == symbol && (entry.minutes.isEmpty || entry.minutes.contains($0.minutes)) }
                client.subscriptions.subtract(dropped)
                if !dropped.isEmpty { removed[symbol, default: []].append(contentsOf: dropped.map(\.minutes).sorted()) }
            }
            state.clients[id] = client
            return removed
        }
        let count = removed.values.reduce(0) { $0 + $1.count }
        send(StreamMessage.UnsubscriptionResult(removed: removed, message: "Removed \(count) subscription\(count == 1 ? "" : "s")"), to: id)
    }

    /// The `count` most recent candles of `subscription`, the forming one included.
    private func history(_ subscription: Subscription, count: Int) async -> StreamMessage.InitialHistory {
        let step = Int64(subscription.minutes) * 60_000
        let current = Self.bucketStart(clock(), step: step)
        let range = (current - Int64(count - 1) * step)..<(current + step)
        let label = StreamMessage.label(minutes: subscription.minutes)
        do {
            let bars = try await candles(subscription.symbol, subscription.minutes, range)
            let rows = max(0, bars.count - count)..<bars.count
            return StreamMessage.InitialHistory(symbol: subscription.symbol, timeframe: label, requestedCandles: count,
                                                actualCandles: rows.count, dataStatus: .complete,
                                                candles: rows.map { StreamMessage.Candle(bars, row: $0) })
        } catch {
            state.withLock { $0.errors += 1 }
            logger?.warning("stream history failed", [("symbol", subscription.symbol), ("timeframe", label), ("error", "\(error)")])
            return StreamMessage.InitialHistory(symbol: subscription.symbol, timeframe: label, requestedCandles: count,
                                                actualCandles: 0, dataStatus: .unknown, candles: [])
        }
    }

    // MARK: Rounds

    /// One update round: every subscribed (symbol, timeframe) is read once and its forming
    /// candle sent to its subscribers. A subscription whose forming candle has no data yet
    /// (no trade since the bucket began) gets nothing this round.
    func updateRound() async {
        let subscribers = state.withLock { state -> [Subscription: [WebSocket]] in
            var subscribers: [Subscription: [WebSocket]] = [:]
            for client in state.clients.values {
                for subscription in client.subscriptions { subscribers[subscription, default: []].append(client.socket) }
            }
            return subscribers
        }
        let subscriptions = subscribers.keys.sorted()
        let reader = FormingCandleReader(parallelism: settings.parallelReads, candles: candles)
        for (subscription, result) in zip(subscriptions, await reader.read(subscriptions, now: clock())) {
            switch result {
            case .success(nil):
                continue
            case .success(let candle?):
                let update = StreamMessage.Update(symbol: subscription.symbol, timeframe: StreamMessage.label(minutes: subscription.minutes),
                                                  data: candle)
                let sent = WebSocket.broadcast(.text(StreamMessage.text(update)), to: subscribers[subscription] ?? [])
                state.withLock { $0.messagesSent += sent }
            case .failure(let error):
                state.withLock { $0.errors += 1 }
                logger?.warning("stream update failed", [("symbol", subscription.symbol), ("error", "\(error)")])
            }
        }
    }

    /// Sends every client a `heartbeat` with the number of open connections.
    func heartbeat() {
        let sockets = state.withLock { $0.clients.values.map(\.socket) }
        let beat = StreamMessage.Heartbeat(timestamp: clock(), connectionsCount: sockets.count)
        let sent = WebSocket.broadcast(.text(StreamMessage.text(beat)), to: sockets)
        state.withLock { $0.messagesSent += sent }
    }

    private func send(_ message: some Encodable, to id: UInt64) {
        guard let socket = state.withLock({ $0.clients[id]?.socket }) else { return }
        do {
            try socket.send(text: StreamMessage.text(message))
            state.withLock { $0.messagesSent += 1 }
        } catch {
            state.withLock { $0.errors += 1 }
        }
    }

    // MARK: Reports

    /// The hub's counters now. `clickhouse_managers` (one per symbol with a live source in the
    /// seed's service) counts the symbols being read for subscribers.
    var status: Status {
        let now = clock()
        return state.withLock { state in
            let subscriptions = state.clients.values.map(\.subscriptions)
            let references = Set(subscriptions.joined())
            let symbols = Set(references.map(\.symbol))
            return Status(connectionsCount: state.clients.count, activeSymbols: symbols.count,
                          totalSubscriptions: subscriptions.reduce(0) { $0 + $1.count }, mvReferencesCount: references.count,
                          clickhouseManagers: symbols.count, messagesSent: state.messagesSent, errorsCount: state.errors,
                          uptimeSeconds: (now - startedAt) / 1000, updateTaskRunning: state.updates != nil,
                          heartbeatTaskRunning: state.heartbeats != nil)
        }
    }

    /// Every open connection, oldest first.
    var connections: Connections {
        let now = clock()
        return state.withLock { state in
            var references: [String: Int] = [:]
            let clients = state.clients.sorted { $0.key < $1.key }.map { id, client -> Connection in
                var bySymbol: [String: [Int]] = [:]
                for subscription in client.subscriptions.sorted() {
                    bySymbol[subscription.symbol, default: []].append(subscription.minutes)
                    references[subscription.symbol + ":" + StreamMessage.label(minutes: subscription.minutes), default: 0] += 1
                }
                return Connection(clientID: "\(client.address)_\(id)", ipAddress: client.address,
                                  connectedAt: Double(client.connectedAt) / 1000, connectionDuration: Double(now - client.connectedAt) / 1000,
                                  lastPing: client.lastPing.map { Double($0) / 1000 }, subscriptions: bySymbol,
                                  totalSubscriptions: client.subscriptions.count)
            }
            let symbols = Set(state.clients.values.flatMap { $0.subscriptions.map(\.symbol) })
            return Connections(connections: clients, totalConnections: clients.count, activeSymbols: symbols.sorted(),
                               mvReferences: references)
        }
    }

    // MARK: Helpers

    /// The start of the `step`-long bucket holding `time`, aligned to the UTC epoch.
    static func bucketStart(_ time: Int64, step: Int64) -> Int64 {
        let remainder = time % step
        return remainder < 0 ? time - remainder - step : time - remainder
    }

    /// `127.0.0.1` of `127.0.0.1:53211`, `::1` of `[::1]:53211`.
    static func host(of remoteAddress: String) -> String {
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        var host = remoteAddress[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return String(host)
    }
}
