import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeServer
import LakeStorage
import LakeTestSupport

/// A lake — a local directory, or a fresh prefix of the LocalStack test bucket — behind a
/// ``CompactionFaultStore``, with parts of one partition written and indexed, and the reads a
/// query makes of them.
struct CompactionFixture {
    static let prefix = "lake"
    /// 2025-11-03, the partition's day.
    static let day = LakeFixtures.november3..<(LakeFixtures.november3 + 86_400_000)

    let lake: Lake
    let store: CompactionFaultStore
    let directory: URL
    /// The store without faults.
    let backing: any ObjectStore
    private let location: LakeLocation

    init(_ backend: ServiceHarness.Backend = .local) throws {
        directory = try TestEnvironment.temporaryDirectory("compaction")
        switch backend {
        case .local:
            let files = try FileStore(root: directory.appendingPathComponent("lake").path)
            (backing, location) = (files, .directory(files.root))
        case .s3:
            let client = S3Client(configuration: S3Configuration(endpoint: S3Endpoint(TestEnvironment.s3Endpoint), region: TestEnvironment.s3Region,
                                                                 addressingStyle: .path),
                                  credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: TestEnvironment.s3AccessKey,
                                                                                        secretAccessKey: TestEnvironment.s3SecretKey)))
            let prefix = "tests/compaction-\(UUID().uuidString.prefix(8).lowercased())/"
            (backing, location) = (S3Store(client: client, bucket: TestEnvironment.s3Bucket, prefix: prefix), .s3(bucket: TestEnvironment.s3Bucket))
        }
        store = CompactionFaultStore(backing)
        lake = Lake(store: store, catalog: try Catalog.inMemory(), location: location, basePrefix: Self.prefix)
    }

    /// Runs `body` with a fresh fixture over `backend`, then deletes everything it wrote, also
    /// when `body` throws.
    static func with(_ backend: ServiceHarness.Backend = .local, _ body: (CompactionFixture) async throws -> Void) async throws {
        let fixture = try CompactionFixture(backend)
        do {
            try await body(fixture)
        } catch {
            await fixture.remove()
            throw error
        }
        await fixture.remove()
    }

    /// The same store under a fresh, empty catalog (a rebuild).
    func rebuiltLake() throws -> Lake {
        Lake(store: store, catalog: try Catalog.inMemory(), location: location, basePrefix: Self.prefix)
    }

    /// Deletes every object and the temporary directory.
    func remove() async {
        var keys: [String] = []
        do {
            for try await page in backing.pages() { keys += page.objects.map(\.key) }
        } catch {}
        try? await backing.deleteMany(keys)
        try? FileManager.default.removeItem(at: directory)
    }

    /// The partition directory of `timeframe` for symbol X on November 3.
    static func partitionDirectory(_ timeframe: Timeframe) -> String {
        "\(prefix)/timeframe=\(timeframe.canonical)/exchange=NSE/symbol=X/year=2025/month=11/day=03/"
    }

    /// Writes `bytes` as part `index` of `timeframe`'s partition, a few ms after the previous
    /// one so that last-modified times differ; returns the key.
    @discardableResult
    func writePart(_ index: Int, _ bytes: [UInt8], timeframe: Timeframe, fileExtension: String = "parquet") async throws -> String {
        try await Task.sleep(for: .milliseconds(3))
        let key = Self.partitionDirectory(timeframe) + "part-\(String(format: "%05d", index)).\(fileExtension)"
        _ = try await store.put(key, bytes: bytes, contentType: nil)
        return key
    }

    /// Syncs `lake` (default: this fixture's) with the store, trusting compacted objects at once
    /// unless `settleTime` is given (the tests stand in for a sync long after a crash).
    @discardableResult
    func sync(_ lake: Lake? = nil, settleTime: Int64 = 0) async throws -> ReconcileReport {
        try await CatalogSynchronizer(lake: lake ?? self.lake, compactionSettleTime: settleTime).sync(trigger: "test").report
    }

    /// The day's bars as a query reads them.
    func bars(_ lake: Lake? = nil) async throws -> BarBatch {
        let lake = lake ?? self.lake
        let objects = try lake.catalog.objects(symbol: "X", timeframe: .oneMinute, overlapping: Self.day)
        return try await ObjectLoader(store: lake.store).bars(objects, range: Self.day)
    }

    /// The day's trades as a query reads them.
    func trades(_ lake: Lake? = nil) async throws -> TradeBatch {
        let lake = lake ?? self.lake
        let objects = try lake.catalog.objects(symbol: "X", timeframe: .trades, overlapping: Self.day)
        return try await ObjectLoader(store: lake.store).trades(objects, range: Self.day)
    }

    /// Keys the store lists in `timeframe`'s partition.
    func listedKeys(_ timeframe: Timeframe) async throws -> [String] {
        var keys: [String] = []
        for try await page in backing.pages(prefix: Self.partitionDirectory(timeframe)) { keys += page.objects.map(\.key) }
        return keys.sorted()
    }

    /// `count` one-minute bars from `minute` past 09:00 with opens `base + minute`.
    static func bars(from minute: Int, count: Int, base: Double) -> BarBatch {
        let start = LakeFixtures.november3 + 9 * 3_600_000 + Int64(minute) * 60_000
        var bars = LakeFixtures.bars(start: start, count: count)
        bars.open = bars.open.map { $0 - 100 + base + Double(minute) }
        return bars
    }

    /// Trade part `index` of `count` trades: runs of equal milliseconds, shared with other parts.
    static func trades(part index: Int, count: Int) -> TradeBatch {
        let time = (0..<count).map { LakeFixtures.november3 + 3_600_000 + Int64(($0 + index * 7) / 3) * 250 }
        return TradeBatch(time: time, price: (0..<count).map { 100 + Double(index) + Double($0) / 100 },
                          size: (0..<count).map { Double(index * 1_000 + $0) })
    }
}
