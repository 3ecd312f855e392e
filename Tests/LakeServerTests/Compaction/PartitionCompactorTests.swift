import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeQuery
import LakeServer
import LakeStorage
import Synchronization
import Testing

@Suite struct PartitionCompactorTests {
    static let barsDirectory = CompactionFixture.partitionDirectory(.oneMinute)
    static let tradesDirectory = CompactionFixture.partitionDirectory(.trades)

    /// Three bar parts, the later two correcting overlapping minutes of the earlier ones; the
    /// middle one a CSV file when `csv` (compaction takes CSV parts too, writing Parquet).
    static func writeCorrectedBars(_ fixture: CompactionFixture, csv: Bool = false) async throws {
        try await fixture.writePart(1, LakeFixtures.parquet(CompactionFixture.bars(from: 0, count: 60, base: 100)), timeframe: .oneMinute)
        let correction = CompactionFixture.bars(from: 30, count: 60, base: 1_000)
        try await fixture.writePart(2, csv ? LakeFixtures.csv(correction) : LakeFixtures.parquet(correction), timeframe: .oneMinute,
                                    fileExtension: csv ? "csv" : "parquet")
        try await fixture.writePart(0, LakeFixtures.parquet(CompactionFixture.bars(from: 10, count: 10, base: 2_000)), timeframe: .oneMinute)
        try await fixture.sync()
    }

    /// Writes and indexes `count` trade parts sharing milliseconds.
    static func writeTradeParts(_ fixture: CompactionFixture, count: Int, tradesEach: Int) async throws {
        for index in 0..<count {
            try await fixture.writePart(index, ParquetWriter.write(trades: CompactionFixture.trades(part: index, count: tradesEach)), timeframe: .trades)
        }
        try await fixture.sync()
    }

    /// Writes three trade parts and compacts them with `fault` set, so the compaction stops
    /// between its steps; returns the trades a query read before.
    static func crashedTradeCompaction(_ fixture: CompactionFixture,
                                       stoppedBy fault: WritableKeyPath<CompactionFaultStore.Faults, Bool> & Sendable) async throws -> TradeBatch {
        try await writeTradeParts(fixture, count: 3, tradesEach: 40)
        let before = try await fixture.trades()
        fixture.store.faults.withLock { $0[keyPath: fault] = true }
        await #expect(throws: CompactionFaultStore.Crash.self) { try await PartitionCompactor(lake: fixture.lake).compact(directory: tradesDirectory) }
        fixture.store.faults.withLock { $0[keyPath: fault] = false }
        return before
    }

    @Test(arguments: [(PartitionCompactor.defaultMaximumPartsPerObject, false), (2, false), (PartitionCompactor.defaultMaximumPartsPerObject, true)])
    func compactedBarsEqualWhatTheQueryReturnedBefore(maximumParts: Int, csvPart: Bool) async throws {
        try await CompactionFixture.with { fixture in
            try await Self.writeCorrectedBars(fixture, csv: csvPart)
            let before = try await fixture.bars()
            #expect(before.count == 90)
            #expect(before.open[15] == 2_015)  // the newest part (part-00000, written last) wins
            let compactor = PartitionCompactor(lake: fixture.lake, maximumPartsPerObject: maximumParts)

            var runs = 0
            while try fixture.lake.catalog.objects(inDirectory: Self.barsDirectory).count > 1 {
                let outcome = try await compactor.compact(directory: Self.barsDirectory)
                guard case .compacted(let result) = outcome else { Issue.record("not compacted: \(outcome)"); return }
                runs += 1
                #expect(try await fixture.bars() == before, "after run \(runs)")
                #expect(result.objectsAfter == result.objectsBefore - min(maximumParts, result.objectsBefore) + 1)
            }
            #expect(runs == (maximumParts == 2 ? 2 : 1))
            let remaining = try fixture.lake.catalog.objects(inDirectory: Self.barsDirectory)
            #expect(remaining.map(\.rowCount) == [90])
            #expect(try await fixture.listedKeys(.oneMinute) == remaining.map(\.key))
            // Indexed from scratch, the compacted object reads the same.
            let rebuilt = try fixture.rebuiltLake()
            try await fixture.sync(rebuilt)
            #expect(try await fixture.bars(rebuilt) == before)
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func compactedTradesKeepEveryTradeInQueryOrderAndARerunChangesNothing(backend: ServiceHarness.Backend) async throws {
        try await CompactionFixture.with(backend) { fixture in
            try await Self.writeTradeParts(fixture, count: 6, tradesEach: 50)
            let before = try await fixture.trades()
            #expect(before.count == 300)
            let compactor = PartitionCompactor(lake: fixture.lake)
            let outcome = try await compactor.compact(directory: Self.tradesDirectory)
            guard case .compacted(let result) = outcome else { Issue.record("not compacted: \(outcome)"); return }
            #expect((result.objectsBefore, result.objectsAfter, result.rows) == (6, 1, 300))
            #expect(try await fixture.trades() == before)
            #expect(try await fixture.listedKeys(.trades) == [result.key])

            #expect(try await compactor.compact(directory: Self.tradesDirectory) == .skipped(Self.tradesDirectory, reason: "fewer than two parts"))
            #expect(try await fixture.trades() == before)
            #expect(try await fixture.sync().added == 0)
            #expect(try await fixture.trades() == before)
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func aCrashAfterWritingTheCompactedObjectDuplicatesNoTrade(backend: ServiceHarness.Backend) async throws {
        try await CompactionFixture.with(backend) { fixture in
            let before = try await Self.crashedTradeCompaction(fixture, stoppedBy: \.failAfterCompactedPut)
            #expect(try await fixture.listedKeys(.trades).count == 4)  // three parts and the unindexed compacted object
            #expect(try await fixture.trades() == before)
            // Right after, a sync cannot tell a crash from a compaction about to commit: it waits.
            let early = try await fixture.sync(settleTime: CatalogReconciler.defaultCompactionSettleTime)
            #expect(early.deferred.count == 1 && early.superseded.isEmpty)
            #expect(try await fixture.trades() == before)

            let report = try await fixture.sync()
            #expect(report.superseded.count == 3)
            #expect(try await fixture.trades() == before)
            let indexed = try fixture.lake.catalog.objects(inDirectory: Self.tradesDirectory)
            #expect(indexed.count == 1)
            #expect(try await fixture.listedKeys(.trades) == indexed.map(\.key))
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases, [false, true])
    func aCrashBeforeThePartsAreDeletedDuplicatesNoTrade(backend: ServiceHarness.Backend, rebuildCatalog: Bool) async throws {
        try await CompactionFixture.with(backend) { fixture in
            let before = try await Self.crashedTradeCompaction(fixture, stoppedBy: \.failDeletes)
            #expect(try await fixture.listedKeys(.trades).count == 4)
            #expect(try await fixture.trades() == before)  // the catalog switched to the compacted object already

            let lake = rebuildCatalog ? try fixture.rebuiltLake() : fixture.lake
            let report = try await fixture.sync(lake)
            #expect(report.superseded.count == 3)
            #expect(try await fixture.trades(lake) == before)
            #expect(try await fixture.listedKeys(.trades).count == 1)
            #expect(try lake.catalog.replacedParts(underPrefix: CompactionFixture.prefix).isEmpty)
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func aPartWrittenDuringTheCompactionStillWinsOverlappingBars(backend: ServiceHarness.Backend) async throws {
        try await CompactionFixture.with(backend) { fixture in
            try await fixture.writePart(1, LakeFixtures.parquet(CompactionFixture.bars(from: 0, count: 10, base: 100)), timeframe: .oneMinute)
            try await fixture.writePart(2, LakeFixtures.parquet(CompactionFixture.bars(from: 5, count: 10, base: 200)), timeframe: .oneMinute)
            try await fixture.sync()
            // An ingest lands after the parts were read, before the compacted object is written.
            fixture.store.faults.withLock {
                $0.beforeCompactedPut = {
                    try await fixture.writePart(3, LakeFixtures.parquet(CompactionFixture.bars(from: 8, count: 12, base: 300)), timeframe: .oneMinute)
                    try await fixture.sync()
                }
            }
            let outcome = try await PartitionCompactor(lake: fixture.lake).compact(directory: Self.barsDirectory)
            guard case .compacted(let result) = outcome else { Issue.record("not compacted: \(outcome)"); return }
            #expect((result.objectsBefore, result.objectsAfter) == (2, 2))  // the compacted object and the part written meanwhile
            let bars = try await fixture.bars()
            let first: [Double] = (0..<5).map { 100 + Double($0) }
            let second: [Double] = (5..<8).map { 200 + Double($0) }
            let during: [Double] = (8..<20).map { 300 + Double($0) }
            let expected = first + second + during
            #expect(bars.open == expected)
            #expect(try await fixture.listedKeys(.oneMinute).contains(Self.barsDirectory + "part-00003.parquet"))
        }
    }

    @Test(arguments: ServiceHarness.Backend.allCases)
    func tradesIngestedDuringTheCompactionAreKept(backend: ServiceHarness.Backend) async throws {
        try await CompactionFixture.with(backend) { fixture in
            try await Self.writeTradeParts(fixture, count: 3, tradesEach: 40)
            let before = try await fixture.trades()
            let late = CompactionFixture.trades(part: 7, count: 25)
            fixture.store.faults.withLock {
                $0.beforeCompactedPut = {
                    try await fixture.writePart(7, ParquetWriter.write(trades: late), timeframe: .trades)
                    try await fixture.sync()
                }
            }
            let outcome = try await PartitionCompactor(lake: fixture.lake).compact(directory: Self.tradesDirectory)
            guard case .compacted(let result) = outcome else { Issue.record("not compacted: \(outcome)"); return }
            #expect((result.rows, result.objectsAfter) == (120, 2))
            let after = try await fixture.trades()
            #expect(after.count == before.count + late.count)
            let key = { (batch: TradeBatch, row: Int) in "\(batch.time[row]) \(batch.price[row]) \(batch.size[row])" }
            #expect(Set(after.time.indices.map { key(after, $0) }) == Set(before.time.indices.map { key(before, $0) } + late.time.indices.map { key(late, $0) }))
            #expect(try await fixture.sync().added == 0)
            #expect(try await fixture.trades() == after)
        }
    }

    @Test func aSecondCompactionOfThePartitionIsSkippedWhileTheFirstRuns() async throws {
        try await CompactionFixture.with { fixture in
            try await Self.writeCorrectedBars(fixture)
            let before = try await fixture.bars()
            let compactor = PartitionCompactor(lake: fixture.lake)
            let second = Mutex<CompactionOutcome?>(nil)
            fixture.store.faults.withLock {
                $0.beforeCompactedPut = {
                    let outcome = try await compactor.compact(directory: Self.barsDirectory)
                    second.withLock { $0 = outcome }
                }
            }
            let first = try await compactor.compact(directory: Self.barsDirectory)
            #expect(second.withLock { $0 } == .skipped(Self.barsDirectory, reason: "a compaction of this partition is already running"))
            guard case .compacted = first else { Issue.record("not compacted: \(first)"); return }
            #expect(try await fixture.bars() == before)
            #expect(try await fixture.listedKeys(.oneMinute).count == 1)
        }
    }

    @Test func aPartitionHoldingAnUnindexedObjectIsLeftForTheNextSync() async throws {
        try await CompactionFixture.with { fixture in
            try await Self.writeCorrectedBars(fixture)
            let unindexed = try await fixture.writePart(7, LakeFixtures.parquet(CompactionFixture.bars(from: 0, count: 5, base: 9)), timeframe: .oneMinute)
            let outcome = try await PartitionCompactor(lake: fixture.lake).compact(directory: Self.barsDirectory)
            guard case .skipped(_, let reason) = outcome else { Issue.record("compacted: \(outcome)"); return }
            #expect(reason.contains(unindexed) && reason.contains("run a sync first"))
            #expect(try await fixture.listedKeys(.oneMinute).count == 4)
        }
    }

    @Test func selectionsPickCrowdedPartitionsOnly() async throws {
        try await CompactionFixture.with { fixture in
            try await Self.writeCorrectedBars(fixture)
            try await fixture.writePart(0, ParquetWriter.write(trades: CompactionFixture.trades(part: 0, count: 10)), timeframe: .trades)
            try await fixture.sync()
            let compactor = PartitionCompactor(lake: fixture.lake)
            #expect(try await compactor.compact(CompactionSelection(minimumParts: 4)).isEmpty)
            #expect(try await compactor.compact(CompactionSelection(timeframe: .trades)).isEmpty)
            let outcomes = try await compactor.compact(CompactionSelection(symbol: "X", range: CompactionFixture.day))
            #expect(outcomes.map(\.directory) == [Self.barsDirectory])
        }
    }

    /// Daily bars are stored per year: the partition is the year directory.
    @Test func aYearOfDailyBarsCompactsLikeADay() async throws {
        try await CompactionFixture.with { fixture in
            let directory = "\(CompactionFixture.prefix)/timeframe=1d/exchange=NSE/symbol=X/year=2025/"
            let january1: Int64 = 1_735_689_600_000
            for (index, (firstDay, close)) in [(0, 10.0), (100, 20.0), (50, 30.0)].enumerated() {
                let days = (0..<120).map { january1 + Int64(firstDay + $0) * 86_400_000 }
                let bars = BarBatch(days.map { Bar(time: $0, open: close, high: close, low: close, close: close, volume: 1) })
                _ = try await fixture.store.put(directory + "part-\(index).parquet", bytes: try LakeFixtures.parquet(bars), contentType: nil)
                try await Task.sleep(for: .milliseconds(3))
            }
            try await fixture.sync()
            let year = january1..<(january1 + 365 * 86_400_000)
            let read = {
                try await ObjectLoader(store: fixture.lake.store).bars(try fixture.lake.catalog.objects(symbol: "X", timeframe: .day, overlapping: year),
                                                                        range: year)
            }
            let before = try await read()
            #expect(before.count == 220 && before.close[60] == 30)
            let outcome = try await PartitionCompactor(lake: fixture.lake).compact(directory: directory)
            guard case .compacted(let result) = outcome else { Issue.record("not compacted: \(outcome)"); return }
            #expect((result.objectsBefore, result.objectsAfter, result.rows) == (3, 1, 220))
            #expect(try await read() == before)
        }
    }

    @Test func anUnreadablePartFailsItsPartitionOnly() async throws {
        try await CompactionFixture.with { fixture in
            try await Self.writeCorrectedBars(fixture)
            try await Self.writeTradeParts(fixture, count: 2, tradesEach: 10)
            // Damaged after it was indexed: the footer no longer parses.
            let damaged = Self.barsDirectory + "part-00001.parquet"
            var bytes = try await fixture.backing.get(damaged)
            bytes.replaceSubrange((bytes.count - 40)..<(bytes.count - 8), with: repeatElement(0xFF, count: 32))
            _ = try await fixture.backing.put(damaged, bytes: bytes)
            let outcomes = try await PartitionCompactor(lake: fixture.lake).compact(CompactionSelection())
            #expect(outcomes.map(\.directory) == [Self.barsDirectory, Self.tradesDirectory])
            guard case .skipped(_, let reason) = outcomes[0], case .compacted = outcomes[1] else { Issue.record("\(outcomes)"); return }
            #expect(reason.hasPrefix("failed: ") && reason.contains("part-00001.parquet"), "\(reason)")
            #expect(try await fixture.listedKeys(.oneMinute).count == 3)
        }
    }

    @Test func clientsCannotWriteTheCompactorsFileNames() throws {
        let policy = LakeKeyPolicy(basePrefix: "lake")
        #expect(throws: (any Error).self) { try policy.resolve("timeframe=1m/exchange=NSE/symbol=X/year=2025/month=11/day=03/compacted-1.parquet") }
        #expect(try policy.resolve("timeframe=1m/exchange=NSE/symbol=X/year=2025/month=11/day=03/compacted-1.parquet", canonical: false).key
                    .hasSuffix("compacted-1.parquet"))
    }
}
