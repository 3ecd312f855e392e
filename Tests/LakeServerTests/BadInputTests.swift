import Foundation
import LakeFormats
import LakeTestSupport
import Testing

/// Bad input gets a 4xx naming the field, and leaves nothing behind in the store or catalog.
@Suite(.serialized) struct BadInputTests {
    static let good = "timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=11/day=03/part-0.parquet"

    static let badKeys: [(String, String)] = [
        ("../" + good, "'..' segment"),
        ("timeframe=1m//exchange=NSE/symbol=BAD/year=2025/month=11/day=03/part-0.parquet", "empty"),
        ("/" + good, "must not start with '/'"),
        ("elsewhere/" + good, "not inside the lake prefix"),
        ("timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=02/day=30/part-0.parquet", "2025-02-30 does not exist"),
        ("timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=13/day=01/part-0.parquet", "month 13 does not exist"),
        ("timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=11/part-0.parquet", "must go down to day"),
        ("timeframe=1m/symbol=BAD/exchange=NSE/year=2025/month=11/day=03/part-0.parquet", "exchange"),
        ("timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=11/day=03/part-0.txt", "part-0.txt"),
        ("", "must not be empty"),
    ]

    @Test func badKeysAndExpiriesAreRefusedNamingTheField() async throws {
        try await ServiceHarness.with(.local, extra: ["PRESIGN_MAX_EXPIRES": "3600", "UPLOAD_MAX_BYTES": "65536"]) { harness in
            for (key, problem) in Self.badKeys {
                let reply = try await harness.postJSON("/presign/upload", ["key": key, "expires_in": 60])
                #expect(reply.status == 400, "\(key)")
                let body = try reply.json()
                #expect(body["error"] as? String == "INVALID_KEY", "\(key): \(reply.text)")
                #expect((body["message"] as? String)?.contains(problem) == true, "\(key): \(reply.text)")
                #expect((body["details"] as? [String: Any])?["key"] != nil)
            }
            let fields: [([String: Any], String)] = [
                (["key": Self.good, "expires_in": 0], "expires_in"), (["key": Self.good, "expires_in": 3601], "expires_in"),
                (["key": Self.good, "expires_in": "soon"], "expires_in"), (["key": Self.good, "max_bytes": 65537], "max_bytes"),
                (["key": Self.good, "method": "DELETE"], "method"), (["expires_in": 10], "key"),
                (["key": Self.good, "content_type": "text/csv\u{7}"], "content_type"),
            ]
            for (body, field) in fields {
                let reply = try await harness.postJSON("/presign/upload", body)
                #expect(reply.status == 400, "\(body)")
                #expect((try reply.json()["details"] as? [String: Any])?[field] != nil, "\(body): \(reply.text)")
            }
            let notJSON = try await harness.curl("/presign/upload", ["-X", "POST", "--data-binary", "{nope"])
            #expect(notJSON.status == 400)
        }
    }

    @Test func badUploadsLeaveNothingInTheStoreOrCatalog() async throws {
        try await ServiceHarness.with(.local, extra: ["UPLOAD_MAX_BYTES": "65536"]) { harness in
            let day = LakeFixtures.november3
            func upload(_ bytes: [UInt8], name: String, key: String? = nil, fields: [String] = []) async throws -> ServiceHarness.Reply {
                let path = harness.directory.appendingPathComponent(name).path
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                var arguments = ["-F", "file=@\(path)"]
                if let key { arguments += ["-F", "key=\(key)"] }
                for field in fields { arguments += ["-F", field] }
                return try await harness.curl("/upload", arguments)
            }
            let csvKey = "timeframe=1m/exchange=NSE/symbol=BAD/year=2025/month=11/day=03/part-0.csv"
            let cases: [(ServiceHarness.Reply, Int, String)] = [
                (try await upload(Array("a,b\n1,2\n".utf8), name: "x.csv", key: csvKey), 422, "not OHLCV data"),
                (try await upload(LakeFixtures.csv(LakeFixtures.bars(start: day - 60_000, count: 3)), name: "y.csv", key: csvKey), 422, "outside the partition"),
                (try await upload(LakeFixtures.csv(LakeFixtures.bars(count: 3)), name: "z.csv", key: Self.good), 422, "is not Parquet"),
                (try await upload(Array("timestamp,open,high,low,close,volume\n".utf8), name: "e.csv", key: csvKey), 422, "has no rows"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3), close: Column(
                    descriptor: ColumnDescriptor(name: "close", physicalType: .double), values: .double([1, 2, 3]),
                    validity: [true, false, true])), name: "n.parquet", key: Self.good), 422, "row 2, column close: missing value"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3), close: Column(
                    descriptor: ColumnDescriptor(name: "close", physicalType: .byteArray, repetition: .required, logicalType: .string),
                    values: .bytes(ByteArrayColumn(strings: ["1.5", "abc", "2"])))), name: "s.parquet", key: Self.good), 422, "row 2, column close"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 4000)), name: "big.parquet", key: Self.good), 413, "upload limit"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3)), name: "k.parquet"), 400, "timeframe"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3)), name: "d.parquet",
                            fields: ["timeframe=1m", "exchange=NSE", "symbol=BAD", "date=2025-02-30"]), 400, "date"),
                (try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3)), name: "t.parquet",
                            fields: ["timeframe=7sec", "exchange=NSE", "symbol=BAD", "date=2025-11-03"]), 400, "timeframe"),
                (try await harness.curl("/upload", ["-X", "POST", "-H", "Content-Type: multipart/form-data; boundary=B",
                                              "--data-binary", "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"]), 400, "closing boundary"),
                (try await harness.curl("/upload", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "{}"]), 415, "multipart"),
            ]
            for (reply, status, problem) in cases {
                #expect(reply.status == status, "\(reply.text)")
                #expect(reply.text.contains(problem), "\(reply.text)")
            }
            let stored = FileManager.default.enumerator(atPath: harness.lakeDirectory)?.allObjects.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".parquet") } ?? []
            #expect(stored.isEmpty, "\(stored)")
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
            let spooled = (try? FileManager.default.contentsOfDirectory(atPath: harness.service.configuration.cacheDirectory + "/uploads")) ?? []
            #expect(spooled.isEmpty, "\(spooled)")

            // The key built from fields works when the fields are right.
            let built = try await upload(try LakeFixtures.parquet(LakeFixtures.bars(count: 3)), name: "ok.parquet",
                                   fields: ["timeframe=1min", "exchange=NSE", "symbol=GOOD", "date=2025-11-03"])
            #expect(built.status == 201, "\(built.text)")
            #expect((try built.json()["key"] as? String)?.hasPrefix(harness.key("timeframe=1m/exchange=NSE/symbol=GOOD/year=2025/month=11/day=03/part-")) == true)
        }
    }

    @Test func badReadsAndQueriesAreRefused() async throws {
        try await ServiceHarness.with(.local) { harness in
            let root = harness.service.lake.location.root
            let inside = root + harness.key(Self.good)
            func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
            let cases: [(String, Int, String)] = [
                ("/symbols/NOPE/partitions", 404, "SYMBOL_NOT_FOUND"),
                ("/object?path=\(encoded("s3://another-bucket/" + Self.good))", 400, "path"),
                ("/object?path=\(encoded(root + "../etc/passwd"))", 400, "INVALID_KEY"),
                ("/object?path=\(encoded(root + "elsewhere/" + Self.good))", 400, "not inside the lake prefix"),
                ("/object?path=\(encoded(inside))", 404, "OBJECT_NOT_FOUND"),
                ("/object?path=\(encoded(inside))&stream=true", 404, "OBJECT_NOT_FOUND"),
                ("/object", 400, "path"),
                ("/object?path=\(encoded(inside))&expires_in=999999999", 400, "expires_in"),
                ("/symbols?limit=0", 400, "limit"),
                ("/symbols?limit=abc", 400, "limit"),
                ("/symbols?cursor=garbage", 400, "cursor"),
                ("/symbols?timeframe=7sec", 400, "timeframe"),
                ("/symbols/X/partitions?start=yesterday", 400, "start"),
                ("/symbols/X/partitions?start=2025-11-04&end=2025-11-03", 400, "end"),
            ]
            for (path, status, problem) in cases {
                let reply = try await harness.curl(path)
                #expect(reply.status == status, "\(path): \(reply.text)")
                #expect(reply.text.contains(problem), "\(path): \(reply.text)")
                #expect(try reply.json()["request_id"] != nil, "\(path): errors carry DESIGN.md's shape")
            }
            let download = try await harness.postJSON("/presign/download", ["key": Self.good, "path": inside])
            #expect(download.status == 400)
        }
    }

    /// Seed 004's error shape names the field at fault, spelled as in the request: the time fields
    /// and choices of every bar endpoint (a choice out of range is a 400, 004:490-497), and
    /// array elements as `symbols[1]`.
    @Test func badFieldsOfQueriesAreNamedAsTheRequestSpellsThem() async throws {
        try await ServiceHarness.with(.local) { harness in
            let posts: [(String, String, String)] = [
                ("/api/v1/bars", #"{"symbol":"X","start_date":"2025-13-01","end_date":"2025-11-03"}"#, "start_date"),
                ("/api/v1/bars", #"{"symbol":"X","start_date":"2025-11-03","end_date":"soon"}"#, "end_date"),
                ("/api/v1/bars", #"{"symbol":"X","start_date":"2025-11-04","end_date":"2025-11-03T00:00:00Z"}"#, "end_date"),
                ("/api/v1/bars/multiple", #"{"symbols":["X"],"start_date":"x","end_date":"2025-11-03"}"#, "start_date"),
                ("/api/v1/validate", #"{"symbols":["AAPL",5]}"#, "symbols[1]"),
            ]
            let gets: [(String, String)] = [
                ("/v1/stats/ohlc?symbol=X&start=yesterday&end=2025-11-03", "start"),
                ("/v1/stats/ohlc?symbol=X&start=2025-11-04&end=2025-11-03T00:00:00Z", "end"),
                ("/v1/stocks/X/prices?from_date=2025-13-01&to_date=2025-11-03", "from_date"),
                ("/v1/stocks/X/prices?from_date=2025-11-04&to_date=2025-11-01", "to_date"),
                ("/v1/stocks/X/prices?interval=hourly", "interval"),
            ]
            for (path, body, field) in posts + gets.map({ ($0.0, "", $0.1) }) {
                let reply = try await harness.curl(path, body.isEmpty ? [] : ["-X", "POST", "--data-binary", body])
                #expect(reply.status == 400, "\(path): \(reply.text)")
                #expect((try reply.json()["details"] as? [String: Any])?[field] != nil, "\(path): \(reply.text)")
            }
        }
    }

    @Test func localPresignedURLsRefuseTamperingAndExpiry() async throws {
        try await ServiceHarness.with(.local) { harness in
            let grant = try await harness.postJSON("/presign/upload", ["key": Self.good, "method": "PUT", "expires_in": 1])
            let url = try #require(try grant.json()["url"] as? String)
            let file = harness.directory.appendingPathComponent("p.parquet").path
            try Data(try LakeFixtures.parquet(LakeFixtures.bars(count: 2))).write(to: URL(fileURLWithPath: file))
            let otherKey = url.replacingOccurrences(of: "BAD", with: "EVIL")
                #expect(otherKey != url)
            #expect(try await harness.curl(otherKey, ["-T", file]).status == 403)
            let widerLimit = url.replacingOccurrences(of: "max_bytes=", with: "max_bytes=9")
            #expect(try await harness.curl(widerLimit, ["-T", file]).status == 403)
            let asGet = url.replacingOccurrences(of: "method=PUT", with: "method=GET")
            #expect(try await harness.curl(asGet).status == 403)
            try await Task.sleep(for: .milliseconds(2100))
            let expired = try await harness.curl(url, ["-T", file])
            #expect(expired.status == 403)
            #expect(expired.text.contains("expired"))
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
        }
    }
}
