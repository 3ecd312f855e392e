import Foundation
import Glibc
import LakeCore
import LakeTestSupport
import Testing

/// Seed 002's `GET /api/v1/monitoring/system/info` over a real socket: every value is this
/// process's, this machine's or the catalog's, compared with what the kernel and catalog say.
@Suite(.serialized) struct SystemInfoRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func systemInfoDescribesThisProcessMachineStoreAndCatalog(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend) { harness in
            try await TradeDataFixture().ingest(into: harness)
            let reply = try await harness.curl("/api/v1/monitoring/system/info")
            #expect(reply.status == 200, "\(reply.text)")
            let envelope = try reply.json()
            #expect(envelope["success"] as? Bool == true && envelope["error"] is NSNull && envelope["timestamp"] is Int64)
            let data = try #require(envelope["data"] as? [String: Any])

            let service = try #require(data["service"] as? [String: Any])
            #expect(service["version"] as? String == CandleLakeVersion.current && service["pid"] as? Int32 == getpid())
            #expect((service["threads"] as? Int ?? 0) >= 2)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let startedAt = try #require(service["started_at"] as? Int64)
            let uptime = try #require(service["uptime_seconds"] as? Double)
            #expect(startedAt <= now && now - startedAt < 120_000 && uptime >= 0 && uptime < 120)

            let machine = try #require(data["machine"] as? [String: Any])
            let os = try #require(machine["os"] as? [String: Any])
            let uname = try await ServiceHarness.offPool { try ProcessRunner.run("uname", ["-s", "-r", "-m"]) }.output
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
            #expect([os["name"] as? String, os["release"] as? String, os["machine"] as? String] == uname.map { $0 as String? })
            #expect(machine["cpu_count"] as? Int == Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
            let memory = try #require(machine["memory"] as? [String: Any])
            let total = try #require(memory["total_bytes"] as? Int64)
            let available = try #require(memory["available_bytes"] as? Int64)
            let resident = try #require(memory["process_resident_bytes"] as? Int64)
            #expect(total > 64 << 20 && available > 0 && available <= total && resident > 1 << 20 && resident < total)

            let store = try #require(data["store"] as? [String: Any])
            #expect(store["backend"] as? String == (backend == .s3 ? "s3" : "local"), "\(store)")
            #expect((store["location"] as? String)?.contains(harness.basePrefix) == true, "\(store)")
            let catalog = try #require(data["catalog"] as? [String: Any])
            let stats = try harness.service.lake.catalog.stats()
            #expect(catalog["objects"] as? Int64 == stats.objectCount && catalog["symbols"] as? Int64 == 1)
            #expect(catalog["rows"] as? Int64 == 300 && catalog["bytes"] as? Int64 == stats.totalBytes && stats.totalBytes > 0)
            let server = try #require(data["server"] as? [String: Any])
            #expect(server["workers"] as? Int == 1 && server["max_body_bytes"] as? Int == harness.service.httpConfiguration.limits.maxBodySize)
        }
    }
}
