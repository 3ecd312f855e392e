import Foundation
import LakeStorage
import LakeTestSupport
import Testing

/// The conformance table on a `FileStore` in a temporary directory, plus the rules only
/// a local directory has (key validation, atomic writes, presign not yet supported).
@Suite struct FileStoreTests {
    let store: FileStore
    let root: URL

    init() throws {
        root = try TestEnvironment.temporaryDirectory("filestore")
        store = try FileStore(root: root.path)
    }

    @Test(arguments: ObjectStoreConformance.names)
    func conformance(_ name: String) async throws {
        let run = try #require(ObjectStoreConformance.cases[name])
        try await run(store, "case-\(name)/")
        try? FileManager.default.removeItem(at: root)
    }

    @Test(arguments: ["", "/abs", "a//b", "a/../b", "..", "./a", "a/.", "trailing/", "nul\u{0}byte",
                      "dir/.candlelake-tmp-x", String(repeating: "x", count: 1025), String(repeating: "y", count: 256)])
    func rejectsUnsafeKeys(_ key: String) async throws {
        await #expect { try await store.put(key, bytes: [1]) } throws: { ($0 as? ObjectStoreError)?.isInvalidKey == true }
        await #expect { try await store.get(key) } throws: { ($0 as? ObjectStoreError)?.isInvalidKey == true }
    }

    @Test func writesLeaveNoTemporaryFilesAndRemoveEmptyDirectories() async throws {
        try await store.put("x/y/z.bin", bytes: Array(repeating: 7, count: 1000))
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        #expect(names.sorted() == ["x", "x/y", "x/y/z.bin"])
        try await store.delete("x/y/z.bin")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func temporaryFilesOfInterruptedWritesAreNotListed() async throws {
        try await store.put("p/real", bytes: [1])
        try Data([9]).write(to: root.appendingPathComponent("p/.candlelake-tmp-crashed"))
        #expect(try await store.pages(prefix: "p/").allObjects().map(\.key) == ["p/real"])
    }

    @Test func directoriesWithoutObjectsAreNotCommonPrefixes() async throws {
        try await store.put("d/kept/x", bytes: [1])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("d/empty/deeper"), withIntermediateDirectories: true)
        try Data([9]).write(to: root.appendingPathComponent("d/empty/.candlelake-tmp-left"))
        let page = try await store.list(prefix: "d/", delimiter: "/", continuationToken: nil, limit: 10)
        #expect(page.commonPrefixes == ["d/kept/"])
        #expect(try await store.pages(prefix: "d/").allObjects().map(\.key) == ["d/kept/x"])
    }

    @Test func presigningIsNotSupportedYet() async throws {
        await #expect { try await store.presignedURL(method: .get, key: "k", expires: 60) } throws: { ($0 as? ObjectStoreError)?.isUnsupported == true }
        await #expect { try await store.presignedPost(key: "k", expires: 60, maxBytes: 10, contentType: nil) } throws: {
            ($0 as? ObjectStoreError)?.isUnsupported == true
        }
    }
}
