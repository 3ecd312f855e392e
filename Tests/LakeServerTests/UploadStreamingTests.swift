import Foundation
import LakeServer
import LakeTestSupport
import Testing

/// `POST /upload` parses its form while the body streams in, spools the file to disk as it
/// arrives and validates it without loading it (CSV scanned through a bounded buffer, Parquet
/// mapped and read by footer and time column): the server never holds the file in memory,
/// and fields may come before or after the file.
@Suite(.serialized) struct UploadStreamingTests {
    @Test func validCSVLargerThan64MiBIsSpooledValidatedAndIndexedWithBoundedMemory() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("BIG", name: "part-0.csv")
            let path = harness.directory.appendingPathComponent("big.csv").path
            // The key comes after the file, so the whole form is read before the key is known.
            let rows = try LakeFixtures.writeLargeCSV(at: path, mebibytes: 80)
            let reply = try await ServiceHarness.measured {
                try await harness.curl("/upload", ["-F", "file=@\(path)", "-F", "key=\(key)"])
            }
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try reply.json()["rows"] as? Int == rows)
            try PresignedUploadStreamingTests.expectStored(harness, key: key, size: path)
        }
    }

    @Test func validParquetOf100MiBIsCheckedByFooterWithBoundedMemory() async throws {
        try await ServiceHarness.with(.local) { harness in
            let path = harness.directory.appendingPathComponent("big.parquet").path
            let rows = 2_200_000
            try await LakeFixtures.writeParquet(at: path, rows: rows, statistics: true)
            let key = LakeFixtures.key("BIGPQ", name: "part-0.parquet")
            let reply = try await ServiceHarness.measured {
                try await harness.curl("/upload", ["-F", "key=\(key)", "-F", "file=@\(path)"])
            }
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try reply.json()["rows"] as? Int == rows)
            #expect(try reply.json()["start"] as? String == "2025-11-03T00:00:00.000Z")
            try PresignedUploadStreamingTests.expectStored(harness, key: key, size: path)
        }
    }

    /// Without statistics the time column is decoded row group by row group; a row outside the
    /// partition is named by its row number.
    @Test(arguments: [(false, 201, "\"rows\":3000"), (true, 422, "row 2501 has time 2025-11-04T00:00:00.000Z, outside the partition")])
    func parquetWithoutStatisticsIsCheckedByItsTimeColumn(spillsIntoNextDay: Bool, status: Int, expected: String) async throws {
        try await ServiceHarness.with(.local) { harness in
            let path = harness.directory.appendingPathComponent("nostats.parquet").path
            try await LakeFixtures.writeParquet(at: path, rows: 3000, statistics: false, lastRowsNextDay: spillsIntoNextDay ? 500 : 0)
            let reply = try await harness.curl("/upload", ["-F", "key=\(LakeFixtures.key("NOSTATS"))", "-F", "file=@\(path)"])
            #expect(reply.status == status, "\(reply.text)")
            #expect(reply.text.contains(expected), "\(reply.text)")
        }
    }

    @Test func keyMayComeBeforeTheFile() async throws {
        try await ServiceHarness.with(.local) { harness in
            let path = harness.directory.appendingPathComponent("bars.parquet").path
            try Data(try LakeFixtures.parquet(LakeFixtures.bars(count: 30))).write(to: URL(fileURLWithPath: path))
            let key = LakeFixtures.key("FIRST")
            let reply = try await harness.curl("/upload", ["-F", "key=\(key)", "-F", "file=@\(path)"])
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try reply.json()["key"] as? String == harness.key(key))
            #expect(try reply.json()["rows"] as? Int == 30)
        }
    }
}
