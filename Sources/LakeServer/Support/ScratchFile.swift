import Foundation

/// Scratch files of the service (upload spools, CSV objects being scanned by a sync): created
/// private to the service's user with unique names, removed by whoever made them, and swept
/// at start-up when a crash left them behind.
enum ScratchFile {
    /// Names of upload spool files start with this.
    static let uploadPrefix = "upload-"
    /// Names of files a sync scans start with this.
    static let syncPrefix = "sync-"

    /// Creates an empty file (mode 0600) named `prefix` + a UUID in `directory` (made if
    /// missing); returns its path.
    static func create(in directory: String, prefix: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + prefix + UUID().uuidString.lowercased()
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    /// Removes scratch files in `directory` older than `maximumAge` seconds.
    static func sweep(directory: String, maximumAge: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let cutoff = Date().addingTimeInterval(-Double(maximumAge))
        for name in names where name.hasPrefix(uploadPrefix) || name.hasPrefix(syncPrefix) {
            let path = directory + "/" + name
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }
}
