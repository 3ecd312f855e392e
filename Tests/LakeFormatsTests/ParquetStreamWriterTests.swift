import Foundation
import Testing
import LakeCore
@testable import LakeFormats

/// The streaming writer: appends at row-group boundaries give the one-shot writer's bytes;
/// any other split still makes a file with one row group per piece and the same values;
/// schemas that differ are refused.
@Suite struct ParquetStreamWriterTests {
    static let table = ParquetInteropTests.sampleTable(rows: 1000)

    static func options(rowGroupSize: Int) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.rowGroupSize = rowGroupSize
        options.pageSize = 700
        options.keyValueMetadata = [KeyValue(key: "k", value: "v")]
        return options
    }

    static func streamed(_ splits: [Int], rowGroupSize: Int) throws -> [UInt8] {
        var writer = try ParquetStreamWriter(columns: table.columns.map(\.descriptor), options: options(rowGroupSize: rowGroupSize))
        var file: [UInt8] = []
        var start = 0
        for end in splits + [table.rowCount] {
            file += try writer.append(table, rows: start..<end)
            start = end
        }
        return file + writer.finish()
    }

    @Test(arguments: [[], [250], [250, 500, 750], [0, 250, 250, 1000, 1000]])
    func appendsAtRowGroupBoundariesMatchTheOneShotFile(splits: [Int]) throws {
        let oneShot = try ParquetWriter.write(Self.table, options: Self.options(rowGroupSize: 250))
        #expect(try Self.streamed(splits, rowGroupSize: 250) == oneShot)
    }

    @Test(arguments: [([1], 2), ([7, 8, 600], 4), ([999], 2), ([300, 301], 3)])
    func otherSplitsMakeOneRowGroupPerPiece(splits: [Int], rowGroups: Int) throws {
        let reader = try ParquetFileReader(bytes: try Self.streamed(splits, rowGroupSize: 10_000))
        #expect(reader.metadata.rowGroups.count == rowGroups)
        #expect(reader.metadata.rowGroups.map(\.numRows).reduce(0, +) == 1000)
        #expect(ParquetRoundTripTests.canonical(try reader.readLocal(threads: 2)) == ParquetRoundTripTests.canonical(Self.table))
        #expect(reader.metadata.keyValueMetadata == [KeyValue(key: "k", value: "v")])
    }

    @Test(arguments: [0, 1])
    func emptyAppendsMakeAnEmptyFileWithTheSchema(appends: Int) throws {
        var writer = try ParquetStreamWriter(columns: Self.table.columns.map(\.descriptor))
        var file: [UInt8] = []
        for _ in 0..<appends { file += try writer.append(Self.table, rows: 0..<0) }
        let reader = try ParquetFileReader(bytes: file + writer.finish())
        #expect(reader.metadata.numRows == 0 && reader.metadata.rowGroups.isEmpty)
        #expect(try reader.readLocal().columns.map(\.name) == Self.table.columns.map(\.name))
    }

    @Test func aTableOfOtherColumnsIsRefused() throws {
        var writer = try ParquetStreamWriter(columns: Array(Self.table.columns.dropFirst().map(\.descriptor)))
        #expect(throws: ParquetError.self) { try writer.append(Self.table) }
        var matching = try ParquetStreamWriter(columns: Self.table.columns.map(\.descriptor))
        #expect(throws: ParquetError.self) { try matching.append(Self.table, rows: 990..<1001) }
    }

    @Test func nestedColumnsAndEmptyRowGroupsAreRefused() {
        let nested = ColumnDescriptor(name: "leaf", physicalType: .int32, path: ["outer", "leaf"])
        #expect(throws: ParquetError.self) { try ParquetStreamWriter(columns: [nested]) }
        var options = ParquetWriterOptions()
        options.rowGroupSize = 0
        #expect(throws: ParquetError.self) { try ParquetStreamWriter(columns: [], options: options) }
    }
}
