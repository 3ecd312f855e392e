import LakeHTTP

extension Logger {
    /// A function writing its argument at `debug` level, or nil when debug messages are
    /// dropped, so that callers such as `S3Client` build their diagnostics only when wanted.
    public var debugSink: (@Sendable (String) -> Void)? {
        guard isEnabled(.debug) else { return nil }
        let logger = self
        return { message in logger.log(.debug, message) }
    }
}
