import Foundation
import LakeHTTP
@testable import LakeServer
import LakeStorage
import LakeTestSupport
import Synchronization
import Testing

/// A batch the store fails to take is not acknowledged and leaves nothing behind, so no later
/// sync can index half of it; the client's retry then stores it whole.
@Suite struct TradeIngestorFailureTests {
    /// A store whose puts fail for keys containing `failing` while it is set.
    final class FailingPutStore: ForwardingStore, @unchecked Sendable {
        // @unchecked Sendable: the only state of its own is the Mutex-guarded pattern.
        let failing = Mutex<String?>(nil)

        override func put(_ key: String, bytes: [UInt8], contentType: String?) async throws {
            if let pattern = failing.withLock({ $0 }), key.contains(pattern) {
                throw ObjectStoreError.unsupported("put of \(key) refused by the test")
            }
            try await backing.put(key, bytes: bytes, contentType: contentType)
        }
    }

    @Test func aBatchWhoseSecondDayFailsLeavesNoPartAndARetryStoresItWhole() async throws {
        let (local, directory) = try LakeFixtures.localLake()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FailingPutStore(local.store)
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
}
