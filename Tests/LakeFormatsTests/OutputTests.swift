import Foundation
import Testing
import LakeCore
import LakeTestSupport
@testable import LakeFormats

@Suite struct OutputTests {
    @Test func ndjsonUsesRFC3339WithTheFilesPrecisionShortestFloatsAndNulls() throws {
        let table = ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: "ts", physicalType: .int64,
                                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .microseconds)),
                   values: .int64([1_704_067_200_000_001, 0]), validity: [true, false]),
            Column(descriptor: ColumnDescriptor(name: "x", physicalType: .double, repetition: .required),
                   values: .double([0.1, .nan])),
            Column(descriptor: ColumnDescriptor(name: "s", physicalType: .byteArray, repetition: .required, logicalType: .string),
                   values: .bytes(ByteArrayColumn(strings: ["quote\" back\\ tab\t", "✓"]))),
            Column(descriptor: ColumnDescriptor(name: "d", physicalType: .int32, repetition: .required,
                                                logicalType: .decimal(scale: 2, precision: 9)),
                   values: .int32([-5, 12345])),
            Column(descriptor: ColumnDescriptor(name: "day", physicalType: .int32, repetition: .required, logicalType: .date),
                   values: .int32([19723, -1])),
            Column(descriptor: ColumnDescriptor(name: "u", physicalType: .int32, repetition: .required,
                                                logicalType: .integer(bitWidth: 32, isSigned: false)),
                   values: .int32([-1, 7])),
        ], rowCount: 2)
        var output: [UInt8] = []
        NDJSONWriter.append(table, to: &output)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == #"{"ts":"2024-01-01T00:00:00.000001Z","x":0.1,"s":"quote\" back\\ tab\t","d":-0.05,"day":"2024-01-01","u":4294967295}"#)
        #expect(lines[1] == #"{"ts":null,"x":"nan","s":"✓","d":123.45,"day":"1969-12-31","u":7}"#)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    @Test func tabularFileDescribesParquetAndCSV() throws {
        let directory = try TestEnvironment.temporaryDirectory("tabular")
        let parquet = directory.appendingPathComponent("bars.parquet")
        try Data(ParquetWriter.write(bars: ParquetInteropTests.sampleBars(rows: 3))).write(to: parquet)
        let schema = try TabularFile(path: parquet.path).schemaDescription()
        #expect(schema.contains("rows: 3"))
        #expect(schema.contains("timestamp: required INT64 timestamp(isAdjustedToUTC: true, unit: ms)"))
        let csv = directory.appendingPathComponent("bars.csv")
        try Data("time,close\n2024-01-01,1\n".utf8).write(to: csv)
        let file = try TabularFile(path: csv.path)
        #expect(file.schemaDescription() == "format: csv\nrows: 1\ntime: optional string\nclose: optional string\n")
        #expect(try file.read(columns: ["close"]).columns.map(\.name) == ["close"])
        #expect(file.csvLines == [2])
        let nested = TestEnvironment.testData("parquet/nulls.snappy.parquet").path
        #expect(try TabularFile(path: nested).schemaDescription().contains("[nested: skipped]"))
    }
}
