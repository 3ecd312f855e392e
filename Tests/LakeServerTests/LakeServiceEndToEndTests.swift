import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// The whole service over real sockets, on the local lake and on LocalStack: uploads three
/// ways, listings, byte-identical downloads, a sync that sees objects written behind the
/// service's back, and the layout read by DuckDB / pyarrow with Hive partitioning.
@Suite(.serialized) struct LakeServiceEndToEndTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func uploadListDownloadSyncAndReadWithHivePartitioning(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in try await run(harness) }
    }

    private func run(_ harness: ServiceHarness) async throws {
        let day = LakeFixtures.november3
        let files: [(symbol: String, name: String, bytes: [UInt8], rows: Int)] = [
            ("E2E_FORM", "part-00000.parquet", try LakeFixtures.parquet(LakeFixtures.bars(start: day + 3_600_000, count: 120)), 120),
            ("E2E_PUT", "part-00000.csv", LakeFixtures.csv(LakeFixtures.bars(start: day + 7_200_000, count: 45)), 45),
            ("E2E_POST", "part-00000.parquet", try LakeFixtures.parquet(LakeFixtures.bars(start: day + 10_800_000, count: 60)), 60),
        ]
        var localPaths: [String: String] = [:]
        for file in files {
            let path = harness.directory.appendingPathComponent("\(file.symbol)-\(file.name)").path
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            localPaths[file.symbol] = path
        }
        func relativeKey(_ index: Int) -> String { LakeFixtures.key(files[index].symbol, name: files[index].name) }

        // 1. Multipart form upload, key given relative to the base prefix.
        let form = try await harness.curl("/upload", ["-F", "file=@\(localPaths["E2E_FORM"]!)", "-F", "key=\(relativeKey(0))"])
        #expect(form.status == 201, "\(form.text)")
        #expect(try form.json()["rows"] as? Int == 120)
        #expect(try form.json()["key"] as? String == harness.key(relativeKey(0)))

        // 2. Presigned PUT with curl, then /uploads/complete.
        let putGrant = try await harness.postJSON("/presign/upload", ["key": relativeKey(1), "method": "PUT", "expires_in": 600])
        #expect(putGrant.status == 200, "\(putGrant.text)")
        let putURL = try #require(try putGrant.json()["url"] as? String)
        let put = try await harness.curl(putURL, ["-T", localPaths["E2E_PUT"]!])
        #expect((200...204).contains(put.status), "\(put.text)")
        let putDone = try await harness.postJSON("/uploads/complete", ["key": relativeKey(1)])
        #expect(putDone.status == 200, "\(putDone.text)")
        #expect(try putDone.json()["rows"] as? Int == 45)

        // 3. Presigned POST form with python requests, then /uploads/complete.
        let postGrant = try await harness.postJSON("/presign/upload", ["key": harness.key(relativeKey(2)), "expires_in": 600, "max_bytes": 1 << 20])
        #expect(postGrant.status == 200, "\(postGrant.text)")
        let post = try await ServiceHarness.python("""
            import json, sys, requests
            grant = json.loads(sys.argv[1])
            with open(sys.argv[2], 'rb') as handle:
                response = requests.post(grant['url'], data=grant['fields'], files={'file': ('upload.parquet', handle)})
            print(response.status_code)
            """, [postGrant.text, localPaths["E2E_POST"]!])
        #expect(post.status == 0, "\(post.standardError)")
        #expect(["200", "201", "204"].contains(post.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(post.output)")
        let postDone = try await harness.postJSON("/uploads/complete", ["key": relativeKey(2)])
        #expect(postDone.status == 200, "\(postDone.text)")
        #expect(try postDone.json()["rows"] as? Int == 60)

        // Listings.
        let symbols = try await harness.curl("/symbols?prefix=E2E_")
        #expect(try symbols.jsonArray().compactMap { $0["symbol"] as? String } == ["E2E_FORM", "E2E_POST", "E2E_PUT"])
        let firstPage = try await harness.curl("/symbols?prefix=E2E_&limit=2")
        #expect(try firstPage.jsonArray().count == 2)
        let cursor = try #require(firstPage.headers["x-next-cursor"])
        let secondPage = try await harness.curl("/symbols?prefix=E2E_&limit=2&cursor=\(cursor)")
        #expect(try secondPage.jsonArray().compactMap { $0["symbol"] as? String } == ["E2E_PUT"])
        #expect(secondPage.headers["x-next-cursor"] == nil)

        // Every object downloads back byte-identical: presigned URL, and streamed.
        for file in files {
            let listing = try await harness.curl("/symbols/\(file.symbol)/partitions?timeframe=1min&start=2025-11-03&end=2025-11-03")
            #expect(listing.status == 200, "\(listing.text)")
            let partitions = try #require(try listing.json()["partitions"] as? [[String: Any]])
            #expect(partitions.count == 1)
            let partition = try #require(partitions.first)
            #expect(partition["rows"] as? Int == file.rows)
            #expect((partition["year"] as? Int, partition["month"] as? Int, partition["day"] as? Int) == (2025, 11, 3))
            #expect(partition["timeframe"] as? String == "1m")
            let s3Path = try #require(partition["s3_path"] as? String)
            #expect(s3Path.hasPrefix(harness.backend == .s3 ? "s3://\(TestEnvironment.s3Bucket)/\(harness.basePrefix)/" : "file://"))
            let encodedPath = try #require(s3Path.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let grant = try await harness.curl("/object?path=\(encodedPath)")
            #expect(grant.status == 200, "\(grant.text)")
            let downloaded = try await harness.curl(try #require(try grant.json()["url"] as? String))
            #expect(downloaded.status == 200)
            #expect(downloaded.body == file.bytes, "\(file.symbol) via presigned URL")
            let streamed = try await harness.curl("/object?path=\(encodedPath)&stream=true")
            #expect(streamed.body == file.bytes, "\(file.symbol) streamed")
            #expect(streamed.headers["content-length"] == String(file.bytes.count))
            let ranged = try await harness.curl("/object?path=\(encodedPath)&stream=true", ["-H", "Range: bytes=4-19"])
            #expect(ranged.status == 206)
            #expect(ranged.body == Array(file.bytes[4...19]))
            #expect(ranged.headers["content-range"] == "bytes 4-19/\(file.bytes.count)")
        }

        // A sync picks up an object written straight into the store and drops a deleted one.
        let directKey = harness.key(LakeFixtures.key("E2E_DIRECT", name: "part-00009.parquet"))
        let directBytes = try LakeFixtures.parquet(LakeFixtures.bars(start: day + 14_400_000, count: 7))
        try await writeBehindTheService(harness, key: directKey, bytes: directBytes, deleting: harness.key(relativeKey(0)))
        let sync = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"])
        #expect(sync.status == 200, "\(sync.text)")
        let envelope = try sync.json()
        #expect(envelope["success"] as? Bool == true)
        let summary = try #require(envelope["data"] as? [String: Any])
        #expect((summary["added"] as? Int, summary["deleted"] as? Int, summary["unchanged"] as? Int) == (1, 1, 2), "\(sync.text)")
        #expect(try await harness.curl("/symbols/E2E_DIRECT/partitions").json()["count"] as? Int == 1)
        #expect(try await harness.curl("/symbols/E2E_FORM/partitions").status == 404)

        // Readers outside CandleLake see the same rows through the Hive layout.
        let status = try await harness.curl("/status").json()
        let catalog = try #require(status["catalog"] as? [String: Any])
        #expect(catalog["rows"] as? Int == 45 + 60 + 7)
        #expect((status["store"] as? [String: Any])?["reachable"] as? Bool == true)
        // Seed 000's keys: the upstream flag follows the store, no WebSocket clients, the harness's rate limit.
        #expect(status["polygon_connected"] as? Bool == true && status["websocket_clients"] as? Int == 0)
        let limits = try #require(status["rate_limit_status"] as? [String: Any])
        #expect(limits["enabled"] as? Bool == true && limits["requests_per_minute"] as? Int == 1_000_000 && limits["limited_requests"] as? Int == 0)
        #expect((status["sync"] as? [String: Any])?["running"] as? Bool == false)
        let metrics = try #require(status["system_metrics"] as? [String: Any])
        #expect((metrics["threads"] as? Int ?? 0) > 1 && (metrics["memory_mb"] as? Double ?? 0) > 1, "\(metrics)")
        let parquetRows = 60 + 7
        #expect(try await hivePartitionedRowCount(harness) == parquetRows)
    }

    /// Writes `key` and deletes `deleting` without going through the service: boto3 on S3,
    /// plain file operations on the local lake.
    private func writeBehindTheService(_ harness: ServiceHarness, key: String, bytes: [UInt8], deleting: String) async throws {
        switch harness.backend {
        case .s3:
            let result = try await ServiceHarness.python(ServiceHarness.boto3Prelude + """
                s3.put_object(Bucket=bucket, Key=sys.argv[1], Body=sys.stdin.buffer.read())
                s3.delete_object(Bucket=bucket, Key=sys.argv[2])
                """, [key, deleting], input: Data(bytes))
            #expect(result.status == 0, "\(result.standardError)")
        case .local:
            let path = harness.lakeDirectory + "/" + key
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            try FileManager.default.removeItem(atPath: harness.lakeDirectory + "/" + deleting)
        }
    }

    /// Rows of every Parquet file under the lake's prefix, read with Hive partitioning:
    /// DuckDB over the local directory; pyarrow's S3 filesystem over LocalStack (DuckDB
    /// would need its httpfs extension, which is downloaded at run time).
    private func hivePartitionedRowCount(_ harness: ServiceHarness) async throws -> Int {
        let result: ProcessResult
        switch harness.backend {
        case .local:
            result = try await ServiceHarness.python("""
                import sys, duckdb
                root = sys.argv[1]
                rows = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT symbol), min(timeframe) FROM read_parquet('{root}/**/*.parquet', hive_partitioning=true)").fetchone()
                assert rows[1] == 2 and rows[2] == '1m', rows
                print(rows[0])
                """, [harness.lakeDirectory + "/" + harness.basePrefix])
        case .s3:
            result = try await ServiceHarness.python("""
                import sys
                import pyarrow.dataset as ds
                from pyarrow import fs
                s3 = fs.S3FileSystem(endpoint_override=sys.argv[1], access_key='test', secret_key='test', region='us-east-1', scheme='http')
                dataset = ds.dataset(sys.argv[2], filesystem=s3, format='parquet', partitioning='hive',
                                     exclude_invalid_files=False, ignore_prefixes=['.'])
                files = [f for f in dataset.files if f.endswith('.parquet')]
                dataset = ds.dataset(files, filesystem=s3, format='parquet', partitioning=ds.partitioning(flavor='hive'),
                                     partition_base_dir=sys.argv[2])
                table = dataset.to_table()
                assert set(table.column('symbol').to_pylist()) == {'E2E_POST', 'E2E_DIRECT'}, table.column('symbol').unique()
                print(table.num_rows)
                """, [TestEnvironment.s3Endpoint.replacingOccurrences(of: "http://", with: ""), "\(TestEnvironment.s3Bucket)/\(harness.basePrefix)"])
        }
        #expect(result.status == 0, "\(result.standardError)")
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
