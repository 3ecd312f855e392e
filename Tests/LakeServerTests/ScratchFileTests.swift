import Foundation
@testable import LakeServer
import LakeTestSupport
import Testing

/// Scratch files are private to the service's user, uniquely named, and swept at start-up
/// only when they are the service's own and older than the age given.
@Suite struct ScratchFileTests {
    @Test func createdFilesAreUniqueAndPrivate() throws {
        let directory = try TestEnvironment.temporaryDirectory("scratch").path + "/nested"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ScratchFile.create(in: directory, prefix: ScratchFile.syncPrefix)
        let second = try ScratchFile.create(in: directory, prefix: ScratchFile.syncPrefix)
        #expect(first != second && first.hasPrefix(directory + "/" + ScratchFile.syncPrefix))
        let permissions = try FileManager.default.attributesOfItem(atPath: first)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
    }

    @Test(arguments: [
        ("upload-old", true, true), ("sync-old", true, true),
        ("upload-new", false, false), ("sync-new", false, false), ("notes-old", true, false),
    ])
    func sweepRemovesOnlyOldScratchFiles(name: String, old: Bool, removed: Bool) throws {
        let directory = try TestEnvironment.temporaryDirectory("sweep").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + name
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        if old {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: path)
        }
        ScratchFile.sweep(directory: directory, maximumAge: 3600)
        #expect(FileManager.default.fileExists(atPath: path) == !removed, "\(name)")
    }
}
