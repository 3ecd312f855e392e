import Foundation
import LakeCatalog
import LakeHTTP
@testable import LakeServer
import LakeStorage
import LakeTestSupport
import Synchronization
import Testing

/// The ingestor below the route: a batch the store fails to take is not acknowledged and leaves
/// nothing behind, so no later sync can index half of it (the client's retry then stores it
/// whole); a repeat racing the first is refused; idempotency records expire after the retention.
@Suite struct TradeIngestorTests {
    /// A store whose puts fail for keys containing `failing` while it is set, and wait while
    /// `holding` is true (`entered` says a put is waiting).
    final class ControlledPutStore: ForwardingStore, @unchecked Sendable {
        // @unchecked Sendable: its own state is only the Mutex-guarded controls.
        let failing = Mutex<String?>(nil)
        let holding = Mutex(false)
        let entered = Mutex(false)

        override func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo {
            entered.withLock { $0 = true }
            while holding.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
            if let pattern = failing.withLock({ $0 }), key.contains(pattern) {
                throw ObjectStoreError.unsupported("put of \(key) refused by the test")
            }
            return try await backing.put(key, bytes: bytes, contentType: contentType)
        }
    }

    @Test func aBatchWhoseSecondDayFailsLeavesNoPartAndARetryStoresItWhole() async throws {
        let (local, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ControlledPutStore(local.store)
        store.failing.withLock { $0 = "/day=03/" }
        let ingestor = TradeIngestor(lake: Lake(store: store, catalog: local.catalog, location: local.location, basePrefix: ""))
        let body = Array(IngestTradeFixture(count: 720, start: TradeIngestTests.lateOnJanuary2, step: 10_000).body(symbol: "ETHUSDT").utf8)

        await #expect(throws: ObjectStoreError.self) { try await ingestor.ingest(body, idempotencyKey: nil, exchange: nil) }
        #expect(try TradeIngestValidationTests.objectFiles(under: directory.appendingPathComponent("lake").path).isEmpty)
        #expect(try local.catalog.series(symbol: "ETHUSDT").isEmpty)

        store.failing.withLock { $0 = nil }
        let retry = try await ingestor.ingest(body, idempotencyKey: nil, exchange: nil)
        #expect(retry.summary.accepted == 720 && !retry.summary.duplicate && retry.summary.objects.count == 2)
        #expect(try local.catalog.series(symbol: "ETHUSDT").map(\.rowCount) == [720])
    }

    @Test func aRepeatArrivingWhileTheFirstIsStoredIsAConflictThenADuplicate() async throws {
        let (local, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ControlledPutStore(local.store)
        store.holding.withLock { $0 = true }
        let ingestor = TradeIngestor(lake: Lake(store: store, catalog: local.catalog, location: local.location, basePrefix: ""))
        let body = Array(IngestTradeFixture(count: 10, start: TradeIngestTests.lateOnJanuary2, step: 1_000).body(symbol: "ETHUSDT").utf8)
        let first = Task { try await ingestor.ingest(body, idempotencyKey: "k-1", exchange: nil) }
        while !store.entered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        await #expect { try await ingestor.ingest(body, idempotencyKey: "k-1", exchange: nil) } throws: { error in
            (error as? HTTPError).map { $0.status == .conflict && $0.code == "INGEST_IN_PROGRESS" } ?? false
        }
        store.holding.withLock { $0 = false }
        #expect(try await first.value.summary.duplicate == false)
        #expect(try await ingestor.ingest(body, idempotencyKey: "k-1", exchange: nil).summary.duplicate == true)
    }

    @Test func idempotencyRecordsOlderThanTheRetentionAreForgotten() async throws {
        let (lake, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let day: Int64 = 86_400_000, now = Int64(Date().timeIntervalSince1970 * 1000)
        for (key, age) in [("expired", 31 * day), ("kept", 29 * day)] {
            #expect(try lake.catalog.commitIngest(key: key, record: IngestRecord(requestHash: "h", status: 200, response: []),
                                                  objects: [], now: now - age) == nil)
        }
        let ingestor = TradeIngestor(lake: lake, retentionDays: 30)
        let body = IngestTradeFixture(count: 3, start: TradeIngestTests.lateOnJanuary2, step: 1_000).body(symbol: "ETHUSDT")
        _ = try await ingestor.ingest(Array(body.utf8), idempotencyKey: nil, exchange: nil)
        #expect(try lake.catalog.ingestRecord(key: "expired") == nil)
        #expect(try lake.catalog.ingestRecord(key: "kept") != nil)
    }
}
