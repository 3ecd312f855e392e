import Foundation
import Testing
import LakeCore
import LakeTestSupport
@testable import LakeFormats

/// Our writer → our reader, across codecs and layouts, plus statistics, pruning and
/// ranged reads that fetch only what is needed.
@Suite struct ParquetRoundTripTests {
    @Test(arguments: [CompressionCodec.uncompressed, .snappy, .zstd], [1, 333, 10_000])
    func writesAndReadsBack(codec: CompressionCodec, rowGroupSize: Int) throws {
        var options = ParquetWriterOptions()
        options.codec = codec
        options.rowGroupSize = rowGroupSize
        options.pageSize = 1000
        let table = ParquetInteropTests.sampleTable(rows: 1200)
        let bytes = try ParquetWriter.write(table, options: options)
        let reader = try ParquetFileReader(bytes: bytes)
        #expect(reader.metadata.rowGroups.count == (1200 + rowGroupSize - 1) / rowGroupSize)
        #expect(Self.canonical(try reader.readLocal(threads: 3)) == Self.canonical(table))
    }

    /// Names and values (null slots compare as null whatever placeholder they hold).
    static func canonical(_ table: ColumnTable) -> [String: [Canonical]] {
        Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, CanonicalValues.of($0)) })
    }

    @Test func emptyTableIsAValidFile() throws {
        let table = ColumnTable(columns: [Column(descriptor: ColumnDescriptor(name: "x", physicalType: .double), values: .double([]))],
                                rowCount: 0)
        let reader = try ParquetFileReader(bytes: try ParquetWriter.write(table))
        #expect(try reader.readLocal().rowCount == 0)
    }

    @Test func barBatchRoundTripsWithTimestampMillisUTC() throws {
        let bars = ParquetInteropTests.sampleBars(rows: 500)
        let reader = try ParquetFileReader(bytes: try ParquetWriter.write(bars: bars))
        let descriptor = try #require(reader.schema.leaves.first)
        #expect(descriptor.name == "timestamp")
        #expect(descriptor.kind == .timestamp(unit: .milliseconds, isAdjustedToUTC: true))
        #expect(try OHLCVMapping.bars(from: reader.readLocal()) == bars)
    }

    @Test func statisticsCoverEveryColumn() throws {
        var options = ParquetWriterOptions()
        options.rowGroupSize = 500
        let reader = try ParquetFileReader(bytes: try ParquetWriter.write(ParquetInteropTests.sampleTable(rows: 1000), options: options))
        for group in reader.metadata.rowGroups {
            for chunk in group.columns {
                let statistics = try #require(chunk.metaData?.statistics)
                #expect(statistics.nullCount != nil)
                #expect(statistics.min != nil && statistics.max != nil)
            }
        }
        let ids = reader.metadata.rowGroups[1].columns[0].metaData?.statistics
        let expectedMin: Int64 = 500 * 1_000_003 - 7, expectedMax: Int64 = 999 * 1_000_003 - 7
        #expect(ParquetFileReader.integer(ids?.min, .int64) == expectedMin)
        #expect(ParquetFileReader.integer(ids?.max, .int64) == expectedMax)
        #expect(reader.metadata.rowGroups[0].columns[1].metaData?.statistics?.nullCount == 100)
    }

    @Test func pruningKeepsOnlyOverlappingRowGroups() throws {
        var options = ParquetWriterOptions()
        options.rowGroupSize = 100
        let bars = ParquetInteropTests.sampleBars(rows: 1000)
        let reader = try ParquetFileReader(bytes: try ParquetWriter.write(bars: bars, options: options))
        let start = bars.time[250], end = bars.time[420]
        #expect(try reader.rowGroups(where: "timestamp", overlaps: start...end) == [2, 3, 4])
        #expect(try reader.rowGroups(where: "timestamp", overlaps: Int64(0)...1) == [])
        #expect(try reader.rowGroups(where: "high", overlaps: 0.0...1.0) == [])
        let table = try reader.readLocal(columns: ["timestamp", "close"], rowGroups: [2, 3, 4])
        #expect(table.rowCount == 300)
        #expect(table.columns.map(\.name) == ["timestamp", "close"])
    }

    @Test func rangedReadsFetchOnlyTheFooterAndNeededChunks() async throws {
        var options = ParquetWriterOptions()
        options.rowGroupSize = 1000
        let bytes = try ParquetWriter.write(bars: ParquetInteropTests.sampleBars(rows: 4000), options: options)
        let source = CountingSource(bytes: bytes)
        let reader = try await ParquetFileReader.open(source)
        #expect(source.reads.count == 1)   // one speculative tail read holds the footer
        let table = try await reader.read(columns: ["close"], rowGroups: [3])
        #expect(table.rowCount == 1000)
        let chunk = try #require(reader.metadata.rowGroups[3].columns[4].metaData)
        let fetched = source.reads.dropFirst()
        #expect(fetched.map(\.length).reduce(0, +) == Int(chunk.totalCompressedSize))
    }

    @Test func unknownColumnIsAnInvalidRequest() throws {
        let reader = try ParquetFileReader(bytes: try ParquetWriter.write(bars: ParquetInteropTests.sampleBars(rows: 10)))
        #expect(throws: ParquetError.self) { try reader.readLocal(columns: ["nope"]) }
    }
}

/// An in-memory ranged source that records every read (and offers no whole-file view).
final class CountingSource: ParquetByteSource, @unchecked Sendable {
    // @unchecked: `reads` is guarded by `lock`.
    private let bytes: [UInt8]
    private let lock = NSLock()
    private var log: [(offset: Int, length: Int)] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var size: Int { bytes.count }
    var reads: [(offset: Int, length: Int)] { lock.withLock { log } }

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        lock.withLock { log.append((offset, length)) }
        return Array(bytes[offset..<offset + length])
    }
}
