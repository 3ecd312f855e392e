import Foundation
import LakeServer
import LakeTestSupport
import Testing

/// `POST /upload` parses its form while the body streams in and spools the file to disk as
/// it arrives: the server never holds the file in memory, and fields may come before or
/// after the file.
@Suite(.serialized) struct UploadStreamingTests {
    @Test func formUploadLargerThan64MiBIsSpooledWithBoundedMemory() async throws {
        try await ServiceHarness.with(.local) { harness in
            let key = LakeFixtures.key("BIG")
            let path = harness.directory.appendingPathComponent("big.bin").path
            // 80 MiB that is not Parquet: the form is read to its end (the key comes after the
            // file), the file spooled, and validation refuses it after reading its first bytes
            // (reading a valid file of this size is the validator's own memory, not the upload's).
            let block = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            for _ in 0..<80 { try handle.write(contentsOf: block) }
            try handle.close()
            let before = ResidentMemory.current()
            let memory = ResidentMemory()
            let reply = try await harness.curl("/upload", ["-F", "file=@\(path)", "-F", "key=\(key)"])
            let peak = memory.stop()
            #expect(reply.status == 422, "\(reply.text)")
            #expect(reply.text.contains("the key ends in .parquet but the file is not Parquet"), "\(reply.text)")
            #expect(peak - before < 16 << 20, "resident memory grew by \((peak - before) >> 20) MiB during an 80 MiB upload")
            let spooled = (try? FileManager.default.contentsOfDirectory(atPath: harness.service.configuration.cacheDirectory + "/uploads")) ?? []
            #expect(spooled.isEmpty, "the spool file is removed: \(spooled)")
            #expect(try harness.service.lake.catalog.stats().objectCount == 0)
        }
    }

    @Test func keyMayComeBeforeTheFile() async throws {
        try await ServiceHarness.with(.local) { harness in
            let path = harness.directory.appendingPathComponent("bars.parquet").path
            FileManager.default.createFile(atPath: path, contents: Data(try LakeFixtures.parquet(LakeFixtures.bars(count: 30))))
            let key = LakeFixtures.key("FIRST")
            let reply = try await harness.curl("/upload", ["-F", "key=\(key)", "-F", "file=@\(path)"])
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try reply.json()["key"] as? String == harness.key(key))
            #expect(try reply.json()["rows"] as? Int == 30)
        }
    }
}
