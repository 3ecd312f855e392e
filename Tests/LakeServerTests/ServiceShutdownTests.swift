import Foundation
import Testing

/// A stopped service lets go of everything it opened: its routes hold the service, so a server
/// kept after shutdown once kept every stopped service and its catalog's SQLite files open (the
/// test process piled up over a thousand descriptors).
@Suite struct ServiceShutdownTests {
    @Test func aStoppedServiceClosesItsCatalogFiles() async throws {
        var directory = ""
        try await ServiceHarness.with(.local) { harness in
            directory = harness.directory.path
            let status = try await harness.curl("/status")
            #expect(status.status == 200)
            #expect(Self.descriptors(under: directory) > 0, "the running service has its catalog open")
        }
        // The last references go as the server's loops and tasks wind down.
        for _ in 0..<100 where Self.descriptors(under: directory) > 0 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(Self.descriptors(under: directory) == 0)
    }

    /// How many of this process's descriptors refer to files under `directory`.
    static func descriptors(under directory: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.count { entry in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry))?.hasPrefix(directory) == true
        }
    }
}
