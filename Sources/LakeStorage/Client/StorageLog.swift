import Foundation

/// Debug output of the storage layer, written to stderr when `CANDLELAKE_LOG_LEVEL` is
/// `debug` (the server's logger replaces this once it exists).
enum StorageLog {
    static let isDebugEnabled = ProcessInfo.processInfo.environment["CANDLELAKE_LOG_LEVEL"]?.lowercased() == "debug"

    /// Writes `message` when debug logging is on; the text is only built then.
    static func debug(_ message: @autoclosure () -> String) {
        guard isDebugEnabled else { return }
        FileHandle.standardError.write(Data("[debug] LakeStorage: \(message())\n".utf8))
    }
}
