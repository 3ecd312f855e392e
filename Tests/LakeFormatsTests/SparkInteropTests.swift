import Foundation
import Testing
import LakeCore
import LakeTestSupport
@testable import LakeFormats

/// Spark (pyspark in local mode, parquet-mr underneath) and CandleLake read each other's
/// files: Spark's default INT96 timestamps, its TIMESTAMP_MICROS and TIMESTAMP_MILLIS
/// settings, its codecs, decimals, dates and nulls; and an OHLCV frame with Spark's usual
/// column names maps to bars. One Spark session (about 20 s of JVM start-up) does it all.
@Suite(.serialized) struct SparkInteropTests {
    @Test func sparkAndCandleLakeReadEachOther() throws {
        let theirs = try TestEnvironment.temporaryDirectory("spark-in")
        let ours = try TestEnvironment.temporaryDirectory("spark-out")
        let written = try ParquetInteropTests.writeOurFiles(to: ours, codecs: [("snappy", .snappy), ("zstd", .zstd)])

        let result = try ProcessRunner.python(CanonicalValues.pythonHelpers + "\n" + Self.sparkScript, [theirs.path, ours.path])
        #expect(result.status == 0, "\(result.standardError.suffix(2000))")
        let dumps = CanonicalValues.parseDump(result.standardOutput)

        // Spark's files, as pyarrow reads them.
        let sparkFiles = dumps.keys.filter { $0.hasPrefix("spark-") }.sorted()
        #expect(sparkFiles == ["spark-bars", "spark-int96-snappy", "spark-micros-gzip", "spark-millis-zstd"])
        for name in sparkFiles {
            let expected = try #require(dumps[name])
            let table = try ParquetFileReader(path: try Self.partFile(in: theirs.appendingPathComponent(name))).readLocal(threads: 2)
            #expect(Set(table.columns.map(\.name)) == Set(expected.keys), "\(name)")
            for column in table.columns {
                #expect(CanonicalValues.of(column, nanoseconds: true) == expected[column.name], "\(name) \(column.name)")
            }
        }
        let sparkBars = try OHLCVMapping.bars(from: ParquetFileReader(path: try Self.partFile(in: theirs.appendingPathComponent("spark-bars"))).readLocal(threads: 1))
        #expect(sparkBars.count == 500)
        #expect(sparkBars.time.first == 1_704_067_200_000 && sparkBars.time.last == 1_704_067_200_000 + 499 * 60_000)
        #expect(sparkBars.transactions?.values.first == 40)

        // Our files, as Spark reads them.
        for (file, table) in written {
            let dump = try #require(dumps["\(file)|spark"], "spark did not read \(file)")
            for column in table.columns {
                #expect(dump[column.name] == CanonicalValues.of(column, nanoseconds: true), "spark \(file) \(column.name)")
            }
        }
    }

    /// The one `part-*.parquet` file Spark wrote into `directory`.
    static func partFile(in directory: URL) throws -> String {
        let parts = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".parquet") }
        #expect(parts.count == 1, "\(directory.lastPathComponent): \(parts)")
        return directory.appendingPathComponent(try #require(parts.first)).path
    }

    static let sparkScript = #"""
import os, glob
from pyspark.sql import SparkSession
theirs, ours = sys.argv[1], sys.argv[2]
spark = (SparkSession.builder.master("local[1]").appName("candlelake-interop")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.driver.memory", "512m").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
sample = spark.sql("""
  SELECT id, CAST(id % 200 - 100 AS INT) AS small, IF(id % 7 = 3, NULL, id / 3.0D) AS price,
         CAST(id / 7.0 AS FLOAT) AS ratio, IF(id % 11 = 0, NULL, CONCAT('sym', id % 13)) AS name,
         id % 3 = 0 AS flag, IF(id % 5 = 1, NULL, timestamp_micros(1700000000000000 + id * 60000123)) AS ts,
         CAST(id * 7 - 300 AS DECIMAL(10, 2)) / 100 AS amount, CAST(id * 123456789 AS DECIMAL(38, 4)) AS big,
         date_add(DATE'2024-02-27', CAST(id AS INT)) AS day
  FROM range(1200)""")
settings = {"spark-int96-snappy": ("INT96", "snappy"), "spark-micros-gzip": ("TIMESTAMP_MICROS", "gzip"),
            "spark-millis-zstd": ("TIMESTAMP_MILLIS", "zstd")}
for name, (timestamps, codec) in settings.items():
    spark.conf.set("spark.sql.parquet.outputTimestampType", timestamps)
    sample.coalesce(1).write.option("compression", codec).parquet(os.path.join(theirs, name))
spark.conf.set("spark.sql.parquet.outputTimestampType", "INT96")
spark.sql("""
  SELECT timestamp_millis(1704067200000 + id * 60000) AS window_start, 100 + id * 0.25D AS open,
         101 + id * 0.25D AS high, 99 + id * 0.25D AS low, 100.5D + id * 0.25D AS close,
         CAST(id * 10 AS DOUBLE) AS volume, CAST(40 + id % 9 AS BIGINT) AS trades_count
  FROM range(500)""").coalesce(1).write.parquet(os.path.join(theirs, "spark-bars"))
out = {}
for name in sorted(os.listdir(theirs)):
    (part,) = glob.glob(os.path.join(theirs, name, "part-*.parquet"))
    out[name] = canonical(pq.read_table(part), ns=True)
for name in sorted(os.listdir(ours)):
    out[name + "|spark"] = canonical(spark.read.parquet(os.path.join(ours, name)).toArrow(), ns=True)
spark.stop()
json.dump(out, sys.stdout)
"""#
}
