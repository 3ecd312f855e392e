import Foundation
import Testing
import LakeCore
import LakeTestSupport
@testable import LakeFormats

/// Every file of the parquet-testing corpus: values equal pyarrow's reading of the same
/// file (one Python run dumps them all), corrupt files fail with typed errors.
@Suite struct ParquetConformanceTests {
    static let directory = TestEnvironment.testData("parquet")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".parquet") }.sorted()

    /// Files that must fail, and how.
    static let broken: [String: ParquetError.Kind] = [
        "datapage_v1-corrupt-checksum.parquet": .checksumMismatch,
        "nation.dict-malformed.parquet": .corruptData,
    ]

    /// Files whose values pyarrow itself gets wrong, checked against their documentation below.
    static let documentedOnly: Set<String> = ["int96_from_spark.parquet"]

    /// pyarrow's canonical values for every readable file, computed once.
    static let expected: [String: [String: [Canonical]]] = {
        let script = CanonicalValues.pythonHelpers + "\n" + #"""
out = {}
for path in sys.argv[1:]:
    name = path.rsplit("/", 1)[-1]
    try:
        out[name] = canonical(pq.read_table(path, coerce_int96_timestamp_unit="us"))
    except Exception as e:
        out[name] = {"__error__": str(e)}
json.dump(out, sys.stdout)
"""#
        let paths = files.filter { broken[$0] == nil }.map { directory.appendingPathComponent($0).path }
        guard let result = try? ProcessRunner.python(script, paths) else { return [:] }
        if result.status != 0 { print("python failed: \(result.standardError)") }
        return CanonicalValues.parseDump(result.standardOutput)
    }()

    @Test func corpusIsPresent() {
        #expect(Self.files.count >= 25)
        #expect(!Self.expected.isEmpty, "python with pyarrow must be available")
    }

    @Test(arguments: files.filter { broken[$0] == nil && !documentedOnly.contains($0) })
    func readsLikePyarrow(file: String) throws {
        let reader = try ParquetFileReader(path: Self.directory.appendingPathComponent(file).path)
        let table = try reader.readLocal()
        let expected = try #require(Self.expected[file])
        #expect(table.rowCount == reader.rowCount)
        for column in table.columns {
            let want = try #require(expected[column.name], "pyarrow has no column \(column.name)")
            let got = CanonicalValues.of(column)
            #expect(got.count == want.count, "\(column.name) row count")
            let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(firstDifference == nil, "\(file) \(column.name) row \(firstDifference?.offset ?? -1): \(String(describing: firstDifference?.element))")
        }
        // Nested columns are skipped, never crashed on, and every other column is read.
        #expect(table.columns.count + reader.schema.nestedColumnPaths.count == reader.schema.leaves.count)
    }

    @Test(arguments: broken.keys.sorted())
    func brokenFilesFailWithTypedErrors(file: String) {
        #expect {
            _ = try ParquetFileReader(path: Self.directory.appendingPathComponent(file).path).readLocal()
        } throws: { error in
            (error as? ParquetError)?.kind == Self.broken[file]
        }
    }

    /// int96_from_spark.md: Spark microseconds, including years beyond 2262 that overflow
    /// 64-bit nanoseconds (pyarrow wraps the last one around).
    @Test func int96SparkTimestampsMatchTheirDocumentation() throws {
        let table = try ParquetFileReader(path: Self.directory.appendingPathComponent("int96_from_spark.parquet").path).readLocal()
        let column = try #require(table.column(named: "a"))
        guard case .int96(let values) = column.values else { Issue.record("not INT96"); return }
        let micros: [Int64?] = values.indices.map { column.isNull($0) ? nil : values[$0].epochMicroseconds }
        #expect(micros == [1_704_141_296_123_456, 1_704_070_800_000_000, 253_402_225_200_000_000,
                           1_735_599_600_000_000, nil, 9_089_380_393_200_000_000])
    }

    /// The *_expect.csv files of the delta encodings, parsed with our CSV reader.
    @Test(arguments: ["delta_binary_packed", "delta_encoding_optional_column", "delta_encoding_required_column"])
    func deltaFilesMatchTheirExpectedCSV(name: String) throws {
        let table = try ParquetFileReader(path: Self.directory.appendingPathComponent(name + ".parquet").path).readLocal()
        let csv = try CSVDocument(bytes: Array(try Data(contentsOf: Self.directory.appendingPathComponent(name + "_expect.csv"))))
        #expect(csv.table.rowCount == table.rowCount)
        for (index, column) in table.columns.enumerated() {
            let expected = csv.table.columns[index]
            guard case .bytes(let texts) = expected.values else { continue }
            for row in 0..<table.rowCount {
                var cell: [UInt8] = []
                let text = column.isNull(row) ? "" : { _ = CellFormatter.append(column, row: row, to: &cell); return String(decoding: cell, as: UTF8.self) }()
                #expect(text == (expected.isNull(row) ? "" : texts.string(at: row)), "\(name) \(column.name) row \(row)")
                if text != (expected.isNull(row) ? "" : texts.string(at: row)) { return }
            }
        }
    }

    @Test func concatenatedGzipMembersHold513Numbers() throws {
        let table = try ParquetFileReader(path: Self.directory.appendingPathComponent("concatenated_gzip_members.parquet").path).readLocal()
        guard case .int64(let values) = try #require(table.columns.first).values else { Issue.record("not INT64"); return }
        #expect(values == Array(1...513))
    }
}
