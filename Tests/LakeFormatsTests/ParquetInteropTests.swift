import Foundation
import Testing
import LakeCore
import LakeTestSupport
@testable import LakeFormats

/// Files written by pyarrow (every codec, dictionary on/off, data pages v1/v2, ms/us/ns
/// timestamps, nulls, CRCs, delta and byte-stream-split encodings, many small PLAIN pages per
/// chunk), DuckDB and polars read
/// with identical values; files we write read identically in pyarrow, DuckDB and polars.
/// Two Python runs in all.
@Suite(.serialized) struct ParquetInteropTests {
    /// Their files: written once into a temporary directory, with pyarrow's values.
    static let theirs: (directory: URL, expected: [String: [String: [Canonical]]]) = {
        let directory = (try? TestEnvironment.temporaryDirectory("interop-in")) ?? URL(fileURLWithPath: "/nonexistent")
        let script = CanonicalValues.pythonHelpers + "\n" + #"""
import os, duckdb, polars as pl, numpy as np
out_dir = sys.argv[1]
n = 1000
rng = np.random.default_rng(7)
base = 1_700_000_000_000
mask = [i % 7 == 3 for i in range(n)]
table = pa.table({
    "id": pa.array(range(n), pa.int64()),
    "small": pa.array([i % 100 - 50 for i in range(n)], pa.int32()),
    "price": pa.array([None if m else float(round(100 + rng.normal(), 2)) for m in mask], pa.float64()),
    "ratio": pa.array(rng.random(n).astype(np.float32)),
    "name": pa.array([None if i % 11 == 0 else "sym%d" % (i % 13) for i in range(n)], pa.string()),
    "flag": pa.array([i % 3 == 0 for i in range(n)]),
    "ts_ms": pa.array([None if m else base + i * 60_000 for i, m in enumerate(mask)], pa.timestamp("ms", tz="UTC")),
    "ts_us": pa.array([base * 1000 + i * 7 for i in range(n)], pa.timestamp("us", tz="UTC")),
    "ts_ns": pa.array([base * 1_000_000 + i * 13 for i in range(n)], pa.timestamp("ns")),
    "day": pa.array([19000 + i for i in range(n)], pa.date32()),
    "amount": pa.array([decimal.Decimal(i * 7 - 300) / 100 for i in range(n)], pa.decimal128(10, 2)),
    "u32": pa.array([4_000_000_000 + i for i in range(n)], pa.uint32()),
})
files = {}
for codec in ["snappy", "gzip", "zstd", "lz4", "none"]:
    for dictionary in [True, False]:
        for version in ["1.0", "2.0"]:
            name = "pyarrow-%s-%s-v%s.parquet" % (codec, "dict" if dictionary else "plain", version)
            pq.write_table(table, os.path.join(out_dir, name), compression=codec, use_dictionary=dictionary,
                           data_page_version=version, write_page_checksum=True, row_group_size=300,
                           data_page_size=2048)
            files[name] = table
# Many small PLAIN pages per column chunk (decompressed straight into place after the first),
# some with nulls and some without, in required and optional columns.
pages = pa.table({
    "required": pa.array(range(n), pa.int64()),
    "price": table["price"],
    "ratio": table["ratio"],
    "small": table["small"],
    "sparse": pa.array([None if 200 <= i < 260 or i == 777 else i / 4 for i in range(n)], pa.float64()),
    "ts_ms": table["ts_ms"],
}, schema=pa.schema([pa.field("required", pa.int64(), nullable=False), pa.field("price", pa.float64()),
                     pa.field("ratio", pa.float32()), pa.field("small", pa.int32()), pa.field("sparse", pa.float64()),
                     pa.field("ts_ms", pa.timestamp("ms", tz="UTC"))]))
for codec in ["snappy", "gzip", "zstd", "lz4"]:
    pq.write_table(pages, os.path.join(out_dir, "pyarrow-%s-many-pages.parquet" % codec), compression=codec,
                   use_dictionary=False, data_page_size=256, write_batch_size=37, row_group_size=600)
pq.write_table(table.select(["id", "small", "name"]), os.path.join(out_dir, "pyarrow-delta.parquet"), use_dictionary=False,
               column_encoding={"id": "DELTA_BINARY_PACKED", "small": "DELTA_BINARY_PACKED", "name": "DELTA_BYTE_ARRAY"})
pq.write_table(table.select(["id", "name"]), os.path.join(out_dir, "pyarrow-delta-length.parquet"), use_dictionary=False,
               column_encoding={"id": "PLAIN", "name": "DELTA_LENGTH_BYTE_ARRAY"})
pq.write_table(table.select(["price", "ratio"]), os.path.join(out_dir, "pyarrow-bss.parquet"), use_dictionary=False,
               column_encoding={"price": "BYTE_STREAM_SPLIT", "ratio": "BYTE_STREAM_SPLIT"})
duckdb.sql("COPY (SELECT range AS id, range * 1.5 AS value, 'k' || (range % 5) AS label, "
           "CASE WHEN range % 4 = 0 THEN NULL ELSE range END AS maybe, "
           "TIMESTAMP '2024-01-01' + INTERVAL (range) MINUTE AS ts FROM range(5000)) "
           "TO '" + os.path.join(out_dir, "duckdb.parquet") + "' (FORMAT parquet)")
pl.DataFrame({"id": list(range(3000)), "value": [i / 3 for i in range(3000)],
              "label": [None if i % 9 == 0 else "p%d" % (i % 17) for i in range(3000)],
              "ts": pl.datetime_range(datetime.datetime(2024, 1, 1), datetime.datetime(2024, 1, 3, 1, 59), "1m", eager=True)}
             ).write_parquet(os.path.join(out_dir, "polars.parquet"), row_group_size=1000)
out = {}
for name in sorted(os.listdir(out_dir)):
    out[name] = canonical(pq.read_table(os.path.join(out_dir, name)))
json.dump(out, sys.stdout)
"""#
        guard let result = try? ProcessRunner.python(script, [directory.path]) else { return (directory, [:]) }
        if result.status != 0 { print("python failed: \(result.standardError)") }
        return (directory, CanonicalValues.parseDump(result.standardOutput))
    }()

    @Test func pythonWroteEveryVariant() {
        #expect(Self.theirs.expected.count == 5 * 2 * 2 + 4 + 5)
    }

    @Test(arguments: (try? FileManager.default.contentsOfDirectory(atPath: theirs.directory.path).sorted()) ?? [])
    func readsTheirFiles(file: String) async throws {
        let path = Self.theirs.directory.appendingPathComponent(file).path
        // Half through the memory-mapped path, all through the ranged (S3-style) path.
        let local = try ParquetFileReader(path: path).readLocal(threads: 2)
        let ranged = try await ParquetFileReader.open(RangedFileSource(path: path)).read()
        #expect(local == ranged)
        let expected = try #require(Self.theirs.expected[file])
        #expect(Set(local.columns.map(\.name)) == Set(expected.keys))
        for column in local.columns {
            #expect(CanonicalValues.of(column) == expected[column.name], "\(file) \(column.name)")
        }
    }

    @Test func theirReadersReadOurFiles() throws {
        let directory = try TestEnvironment.temporaryDirectory("interop-out")
        let ours = try Self.writeOurFiles(to: directory, codecs: [("snappy", .snappy), ("zstd", .zstd), ("none", .uncompressed)])

        let script = CanonicalValues.pythonHelpers + "\n" + #"""
import os, duckdb, polars as pl
out = {}
for name in sorted(os.listdir(sys.argv[1])):
    path = os.path.join(sys.argv[1], name)
    out[name + "|pyarrow"] = canonical(pq.read_table(path), ns=True)
    result = duckdb.sql("SELECT * FROM read_parquet('" + path + "')").arrow()
    out[name + "|duckdb"] = canonical(result.read_all() if hasattr(result, "read_all") else result, ns=True)
    out[name + "|polars"] = canonical(pl.read_parquet(path).to_arrow(), ns=True)
    out[name + "|metadata"] = {k.decode(): ["s:" + v.decode()] for k, v in (pq.read_metadata(path).metadata or {}).items()}
json.dump(out, sys.stdout)
"""#
        let result = try ProcessRunner.python(script, [directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let dumps = CanonicalValues.parseDump(result.standardOutput)
        for (file, table) in ours {
            for reader in ["pyarrow", "duckdb", "polars"] {
                let dump = try #require(dumps["\(file)|\(reader)"], "\(reader) did not read \(file)")
                for column in table.columns {
                    #expect(dump[column.name] == CanonicalValues.of(column, nanoseconds: true), "\(reader) \(file) \(column.name)")
                }
            }
        }
        #expect(dumps["ours-zstd.parquet|metadata"]?["candlelake.test"] == [.text("s:zstd")])
    }

    /// Our footers declare each column's statistics order (`column_orders`), so pyarrow and
    /// DuckDB trust our min/max: every row group of every column has them, equal to the
    /// minimum and maximum pyarrow computes from the values themselves.
    @Test func theirReadersUseOurStatistics() throws {
        let directory = try TestEnvironment.temporaryDirectory("interop-stats")
        var options = ParquetWriterOptions()
        options.rowGroupSize = 500
        let path = directory.appendingPathComponent("bars.parquet").path
        try Data(ParquetWriter.write(bars: Self.sampleBars(rows: 1500), options: options)).write(to: URL(fileURLWithPath: path))
        let footer = try ParquetFileReader(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))).metadata
        #expect(footer.columnOrders == Array(repeating: .typeDefined, count: footer.schema.count - 1))

        let result = try ProcessRunner.python(#"""
            import sys, duckdb, pyarrow.compute as pc, pyarrow.parquet as pq
            file = pq.ParquetFile(sys.argv[1])
            problems, checked = [], 0
            for group in range(file.metadata.num_row_groups):
                values = file.read_row_group(group)
                for index in range(file.metadata.num_columns):
                    column = file.metadata.row_group(group).column(index)
                    stats, name = column.statistics, column.path_in_schema
                    checked += 1
                    if stats is None or not stats.has_min_max:
                        problems.append(f"group {group} {name}: no min/max for pyarrow")
                        continue
                    expected = pc.min_max(values.column(name)).as_py()
                    if (stats.min, stats.max) != (expected["min"], expected["max"]):
                        problems.append(f"group {group} {name}: {stats.min}..{stats.max}, values {expected}")
            missing = duckdb.sql(f"SELECT count(*) FROM parquet_metadata('{sys.argv[1]}') WHERE stats_min_value IS NULL").fetchall()[0][0]
            if missing:
                problems.append(f"DuckDB sees {missing} column chunks without min/max")
            print(checked, "|", "; ".join(problems))
            """#, [path])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(output == "\(3 * (footer.schema.count - 1)) |", "\(output)")
    }

    /// Writes ``sampleTable(rows:)`` once per codec (several row groups and pages, with
    /// key-value metadata), once empty (no row groups), and ``sampleBars(rows:)`` into
    /// `directory`; returns what each file holds.
    static func writeOurFiles(to directory: URL, codecs: [(String, CompressionCodec)]) throws -> [String: ColumnTable] {
        var ours: [String: ColumnTable] = [:]
        for (name, codec) in codecs {
            var options = ParquetWriterOptions()
            options.codec = codec
            options.rowGroupSize = 700
            options.pageSize = 4096
            options.keyValueMetadata = [KeyValue(key: "candlelake.test", value: name)]
            let table = sampleTable(rows: 2000)
            ours["ours-\(name).parquet"] = table
            try Data(ParquetWriter.write(table, options: options)).write(to: directory.appendingPathComponent("ours-\(name).parquet"))
        }
        let empty = sampleTable(rows: 0)
        ours["ours-empty.parquet"] = empty
        try Data(ParquetWriter.write(empty)).write(to: directory.appendingPathComponent("ours-empty.parquet"))
        let bars = sampleBars(rows: 1500)
        ours["ours-bars.parquet"] = bars.columnTable()
        try Data(ParquetWriter.write(bars: bars)).write(to: directory.appendingPathComponent("ours-bars.parquet"))
        return ours
    }

    /// Every physical type the writer handles, with nulls.
    static func sampleTable(rows: Int) -> ColumnTable {
        let mask = (0..<rows).map { $0 % 5 != 2 }
        return ColumnTable(columns: [
            Column(descriptor: ColumnDescriptor(name: "id", physicalType: .int64, repetition: .required),
                   values: .int64((0..<rows).map { Int64($0) * 1_000_003 - 7 })),
            Column(descriptor: ColumnDescriptor(name: "small", physicalType: .int32),
                   values: .int32((0..<rows).map { Int32($0 % 300) - 150 }), validity: mask),
            Column(descriptor: ColumnDescriptor(name: "price", physicalType: .double),
                   values: .double((0..<rows).map { 100 + Double($0) * 0.01 + 1e-9 }), validity: (0..<rows).map { $0 % 9 != 4 }),
            Column(descriptor: ColumnDescriptor(name: "ratio", physicalType: .float, repetition: .required),
                   values: .float((0..<rows).map { Float($0) / 7 })),
            Column(descriptor: ColumnDescriptor(name: "symbol", physicalType: .byteArray, logicalType: .string),
                   values: .bytes(ByteArrayColumn(strings: (0..<rows).map { $0 % 3 == 0 ? "" : "NSE:SYM\($0 % 37)" })),
                   validity: (0..<rows).map { $0 % 3 != 0 }),
            Column(descriptor: ColumnDescriptor(name: "note", physicalType: .byteArray, repetition: .required, logicalType: .string),
                   values: .bytes(ByteArrayColumn(strings: (0..<rows).map { "unique \"quoted\" \($0) ✓" }))),
            Column(descriptor: ColumnDescriptor(name: "flag", physicalType: .boolean),
                   values: .boolean((0..<rows).map { $0 % 4 == 1 }), validity: mask),
            Column(descriptor: ColumnDescriptor(name: "ts_us", physicalType: .int64,
                                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .microseconds)),
                   values: .int64((0..<rows).map { 1_700_000_000_000_000 + Int64($0) * 1_000_001 }), validity: mask),
        ], rowCount: rows)
    }

    /// Minute bars with every optional column, some values missing.
    static func sampleBars(rows: Int) -> BarBatch {
        var batch = BarBatch()
        for index in 0..<rows {
            let price = 100 + Double(index % 50) * 0.25
            batch.append(Bar(time: 1_704_067_200_000 + Int64(index) * 60_000, open: price, high: price + 1, low: price - 1,
                             close: price + 0.5, volume: Double(index * 10),
                             vwap: index % 10 == 0 ? nil : price + 0.1, transactions: Int64(index % 90),
                             takerBuyVolume: Double(index)))
        }
        return batch
    }
}

/// A ranged source over a local file through `FileHandle`, standing in for S3 range reads.
struct RangedFileSource: ParquetByteSource {
    let path: String
    let size: Int

    init(path: String) throws {
        self.path = path
        size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: length) ?? Data())
    }
}
