import Foundation
import LakeTestSupport
import Testing

/// Seed 000's cache administration over real sockets: `GET /api/v1/cache/stats` and
/// `DELETE /api/v1/cache`, on a LocalStack lake whose objects the service caches across
/// requests, and `/status`'s cache block.
@Suite(.serialized) struct CacheRouteTests {
    /// Puts 120 one-minute bars from 09:00 UTC on each of 2025-11-03…05 for `symbol`.
    private static func putThreeDays(_ symbol: String, _ harness: ServiceHarness, count: Int = 120) async throws {
        for day in 3...5 {
            let bars = LakeFixtures.bars(start: LakeFixtures.november3 + Int64(day - 3) * 86_400_000 + 9 * 3_600_000, count: count)
            try await harness.service.lake.store.put(harness.key(LakeFixtures.key(symbol, day: day)), bytes: try LakeFixtures.parquet(bars))
        }
    }

    /// Queries three days of `symbol` as hourly bars; the response's `cached` flag.
    @discardableResult
    private static func query(_ symbol: String, _ harness: ServiceHarness, useCache: Bool = true) async throws -> Bool? {
        let reply = try await harness.postJSON("/api/v1/bars", ["symbol": symbol, "timeframe": "1hour", "start_date": "2025-11-03",
                                                                "end_date": "2025-11-05", "use_cache": useCache])
        #expect(reply.status == 200, "\(reply.text)")
        return try reply.json()["cached"] as? Bool
    }

    @Test func statsShowWhatQueriesCachedAndDeleteClearsBySymbolAndAge() async throws {
        try await ServiceHarness.with(.s3) { harness in
            try await Self.putThreeDays("CACHE_A", harness)
            try await Self.putThreeDays("CACHE_B", harness)
            #expect(try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"]).status == 200)
            let empty = try await harness.curl("/api/v1/cache/stats").json()
            #expect(empty["total_entries"] as? Int == 0 && empty["total_size_mb"] as? Double == 0)

            #expect(try await Self.query("CACHE_A", harness) == false)
            #expect(try await Self.query("CACHE_A", harness) == true)
            #expect(try await Self.query("CACHE_B", harness) == false)
            #expect(try await Self.query("CACHE_B", harness, useCache: false) == false)   // neither read nor counted
            let stats = try await harness.curl("/api/v1/cache/stats").json()
            #expect(stats["total_entries"] as? Int == 6 && (stats["total_size_mb"] as? Double ?? 0) > 0)
            #expect(stats["hits"] as? Int == 3 && stats["misses"] as? Int == 6 && stats["hit_rate"] as? Double == 0.333)
            let symbols = try #require(stats["top_symbols"] as? [[String: Any]])
            #expect(Set(symbols.compactMap { $0["symbol"] as? String }) == ["CACHE_A", "CACHE_B"])
            #expect(symbols.allSatisfy { $0["entries"] as? Int == 3 && ($0["size_mb"] as? Double ?? 0) > 0 })
            let timeframes = try #require(stats["by_timeframe"] as? [[String: Any]])
            #expect(timeframes.count == 1 && timeframes[0]["timeframe"] as? String == "1m" && timeframes[0]["entries"] as? Int == 6)
            let recent = try #require(stats["recent_access"] as? [[String: Any]])
            #expect(recent.count == 6 && recent.allSatisfy { ($0["key"] as? String)?.hasPrefix(harness.basePrefix) == true })
            #expect(recent.filter { $0["symbol"] as? String == "CACHE_A" }.allSatisfy { $0["hits"] as? Int == 1 })

            let status = try #require(try await harness.curl("/status").json()["cache_stats"] as? [String: Any])
            #expect(status["entries"] as? Int == 6 && status["hits"] as? Int == 3 && status["upload_spool"] is [String: Any])

            // A rewritten object is dropped once the sync sees its new ETag.
            let day4 = LakeFixtures.bars(start: LakeFixtures.november3 + 86_400_000 + 9 * 3_600_000, count: 60)
            try await harness.service.lake.store.put(harness.key(LakeFixtures.key("CACHE_A", day: 4)), bytes: try LakeFixtures.parquet(day4))
            #expect(try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"]).status == 200)
            let afterSync = try await harness.curl("/api/v1/cache/stats").json()
            #expect(afterSync["total_entries"] as? Int == 5 && afterSync["invalidations"] as? Int == 1)

            // So is an object replaced through `/upload`.
            let upload = harness.directory.appendingPathComponent("day5.parquet").path
            let day5 = LakeFixtures.bars(start: LakeFixtures.november3 + 2 * 86_400_000 + 9 * 3_600_000, count: 30)
            try Data(try LakeFixtures.parquet(day5)).write(to: URL(fileURLWithPath: upload))
            let uploaded = try await harness.curl("/upload", ["-F", "file=@\(upload)", "-F", "key=\(LakeFixtures.key("CACHE_B", day: 5))"])
            #expect(uploaded.status == 201, "\(uploaded.text)")
            let afterUpload = try await harness.curl("/api/v1/cache/stats").json()
            #expect(afterUpload["total_entries"] as? Int == 4 && afterUpload["invalidations"] as? Int == 2)

            // And a deleted one.
            try await harness.service.lake.store.delete(harness.key(LakeFixtures.key("CACHE_B", day: 3)))
            #expect(try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"]).status == 200)
            let afterDelete = try await harness.curl("/api/v1/cache/stats").json()
            #expect(afterDelete["total_entries"] as? Int == 3 && afterDelete["invalidations"] as? Int == 3)

            let none = try await harness.curl("/api/v1/cache?older_than_days=1", ["-X", "DELETE"])
            #expect(try none.status == 200 && none.json()["files_removed"] as? Int == 0)
            let cleared = try await harness.curl("/api/v1/cache?symbol=CACHE_A", ["-X", "DELETE"])
            #expect(cleared.status == 200, "\(cleared.text)")
            let body = try cleared.json()
            #expect(body["files_removed"] as? Int == 2 && body["entries_removed"] as? Int == 2 && (body["space_freed_mb"] as? Double ?? 0) > 0)
            let everything = try await harness.curl("/api/v1/cache?older_than_days=0", ["-X", "DELETE"]).json()
            #expect(everything["files_removed"] as? Int == 1)
            #expect(try await harness.curl("/api/v1/cache/stats").json()["total_entries"] as? Int == 0)
        }
    }

    @Test(arguments: [
        ("older_than_days=-1", "older_than_days"),
        ("older_than_days=soon", "older_than_days"),
        ("older_than_days=nan", "older_than_days"),
        ("symbol=", "symbol"),
    ])
    func badClearParametersAreA400NamingTheField(query: String, field: String) async throws {
        try await ServiceHarness.with(.local) { harness in
            let reply = try await harness.curl("/api/v1/cache?" + query, ["-X", "DELETE"])
            #expect(reply.status == 400)
            let body = try reply.json()
            #expect(body["error"] as? String == "VALIDATION_ERROR" && body["path"] as? String == "/api/v1/cache")
            #expect((body["details"] as? [String: Any])?[field] != nil && body["request_id"] != nil && body["timestamp"] != nil)
        }
    }

    @Test func aLocalLakeIsReadInPlaceAndNeverCached() async throws {
        try await ServiceHarness.with(.local) { harness in
            try await Self.putThreeDays("CACHE_LOCAL", harness)
            #expect(try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"]).status == 200)
            #expect(try await Self.query("CACHE_LOCAL", harness) == false)
            let stats = try await harness.curl("/api/v1/cache/stats").json()
            #expect(stats["total_entries"] as? Int == 0 && stats["misses"] as? Int == 0)
        }
    }
}
