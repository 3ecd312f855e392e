import Foundation
import LakeServer
import LakeTestSupport
import Testing

/// The local lake's presigned targets (`PUT /lake/objects/…`, `POST /lake/form`) stream
/// their upload to a spool file: a 72 MiB Parquet file is stored and indexed while the
/// server's memory barely moves (validation reads its footer only), and a refused upload (bad signature, expired, too large)
/// leaves nothing in the lake.
@Suite(.serialized) struct PresignedUploadStreamingTests {
    /// Rows of a 72 MiB Parquet file (48 uncompressed bytes a row).
    static let rows = 72 << 20 / 48

    @Test func presignedPutOfAFileLargerThan64MiBStreams() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("BIGPUT", name: "part-0.parquet")
            let path = harness.directory.appendingPathComponent("put.parquet").path
            let rows = Self.rows
            try await LakeFixtures.writeParquet(at: path, rows: rows, statistics: true)
            let grant = try await harness.postJSON("/presign/upload", ["key": key, "method": "PUT", "expires_in": 600])
            let url = try #require(try grant.json()["url"] as? String)
            let reply = try await ServiceHarness.measured { try await harness.curl(url, ["-T", path]) }
            #expect(reply.status == 200, "\(reply.text)")
            #expect(try reply.json()["rows"] as? Int == rows)
            try Self.expectStored(harness, key: key, size: path)
        }
    }

    @Test func presignedPostFormOfAFileLargerThan64MiBStreams() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("BIGPOST", name: "part-0.parquet")
            let path = harness.directory.appendingPathComponent("post.parquet").path
            try await LakeFixtures.writeParquet(at: path, rows: Self.rows, statistics: true)
            let grant = try await harness.postJSON("/presign/upload", ["key": key, "expires_in": 600])
            #expect(grant.status == 200, "\(grant.text)")
            let post = try await ServiceHarness.measured {
                try await ServiceHarness.python("""
                    import json, sys, requests
                    grant = json.loads(sys.argv[1])
                    with open(sys.argv[2], 'rb') as handle:
                        response = requests.post(grant['url'], data=grant['fields'], files={'file': ('bars.parquet', handle)})
                    print(response.status_code, response.text)
                    """, [grant.text, path])
            }
            #expect(post.output.hasPrefix("204"), "\(post.output) \(post.standardError)")
            try Self.expectStored(harness, key: key, size: path)
        }
    }

    @Test func refusedPresignedUploadsLeaveNothingInTheLake() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("REFUSED", name: "part-0.csv")
            let small = harness.directory.appendingPathComponent("small.csv").path
            try Data(LakeFixtures.csv(LakeFixtures.bars(count: 100))).write(to: URL(fileURLWithPath: small))
            func grant(_ extra: [String: Any]) async throws -> [String: Any] {
                let reply = try await harness.postJSON("/presign/upload", ["key": key, "expires_in": 600].merging(extra) { $1 })
                return try reply.json()
            }
            func put(_ url: String, _ arguments: [String] = []) async throws -> ServiceHarness.Reply {
                try await harness.curl(url, ["-T", small] + arguments)
            }
            func post(_ fields: [String: Any], fileFirst: Bool = false, tamper: Bool = false) async throws -> ServiceHarness.Reply {
                var form: [String] = []
                for (name, value) in fields as? [String: String] ?? [:] {
                    form += ["--form-string", "\(name)=\(tamper && name == "signature" ? String(value.reversed()) : value)"]
                }
                let file = ["-F", "file=@\(small)"]
                return try await harness.curl(try #require(fields["url"] as? String), fileFirst ? file + form : form + file)
            }
            let putURL = try #require(try await grant(["method": "PUT"])["url"] as? String)
            let smallPut = try #require(try await grant(["method": "PUT", "max_bytes": 1024])["url"] as? String)
            let shortPut = try #require(try await grant(["method": "PUT", "expires_in": 1])["url"] as? String)
            let form = try await grant([:]), smallForm = try await grant(["max_bytes": 1024]), shortForm = try await grant(["expires_in": 1])
            var formFields = form["fields"] as? [String: String] ?? [:]
            formFields["url"] = form["url"] as? String
            var smallFields = smallForm["fields"] as? [String: String] ?? [:]
            smallFields["url"] = smallForm["url"] as? String
            var shortFields = shortForm["fields"] as? [String: String] ?? [:]
            shortFields["url"] = shortForm["url"] as? String
            let cases: [(String, ServiceHarness.Reply, Int, String)] = [
                ("PUT, tampered signature", try await put(putURL.replacingOccurrences(of: "signature=", with: "signature=0")), 403, "signature"),
                ("PUT over max_bytes", try await put(smallPut), 413, "larger than the 1024-byte"),
                ("PUT chunked over max_bytes", try await put(smallPut, ["-H", "Transfer-Encoding: chunked"]), 413, "larger than the 1024-byte"),
                ("POST, tampered signature", try await post(formFields, tamper: true), 403, "signature does not match"),
                ("POST, file before the policy", try await post(formFields, fileFirst: true), 403, "no policy or signature"),
                ("POST over the policy's max_bytes", try await post(smallFields), 413, "larger than the 1024-byte"),
            ]
            try await Task.sleep(for: .milliseconds(2100))
            let expired: [(String, ServiceHarness.Reply, Int, String)] = [
                ("PUT, expired", try await put(shortPut), 403, "expired"),
                ("POST, expired", try await post(shortFields), 403, "expired"),
            ]
            for (name, reply, status, message) in cases + expired {
                #expect(reply.status == status, "\(name): \(reply.text)")
                #expect(reply.text.contains(message), "\(name): \(reply.text)")
            }
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
            #expect(try Self.files(under: harness.lakeDirectory).isEmpty, "nothing reaches the lake")
            #expect(try Self.files(under: harness.service.configuration.cacheDirectory + "/uploads").isEmpty, "no spool file is left")
        }
    }

    /// A presigned PUT that is refused from its head is refused before the body: curl (which
    /// sends `Expect: 100-continue` for a body over 1 MiB) never gets a `100 Continue` and
    /// uploads nothing.
    @Test func refusedPresignedPutIsRefusedBeforeItsBodyIsSent() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("EARLY", name: "part-0.csv")
            let path = harness.directory.appendingPathComponent("early.csv").path
            try LakeFixtures.writeLargeCSV(at: path, mebibytes: 4)
            let grant = try await harness.postJSON("/presign/upload", ["key": key, "method": "PUT", "max_bytes": 1 << 20])
            let url = try #require(try grant.json()["url"] as? String)
            for (target, status) in [(url, "413"), (url.replacingOccurrences(of: "signature=", with: "signature=0"), "403")] {
                let result = try await ServiceHarness.offPool {
                    try ProcessRunner.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_upload}", "-T", path, target])
                }
                #expect(result.output == "\(status) 0", "\(result.output) \(result.standardError)")
            }
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
        }
    }

    /// The object is indexed with the file's size and no spool file is left.
    static func expectStored(_ harness: ServiceHarness, key: String, size path: String) throws {
        let record = try #require(try harness.service.lake.catalog.object(key: harness.key(key)))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(record.size == Int64(size))
        #expect(try files(under: harness.service.configuration.cacheDirectory + "/uploads").isEmpty, "no spool file is left")
    }

    /// Regular files under `directory` (none when it does not exist).
    static func files(under directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}
