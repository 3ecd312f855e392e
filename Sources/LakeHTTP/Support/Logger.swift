import Glibc

/// A structured logger writing one JSON object per line to stderr.
///
/// Each line is written with a single `write(2)`, so lines from different threads never
/// interleave. The level comes from `LOG_LEVEL` by default.
public struct Logger: Sendable {
    /// Severity, lowest first.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, warning, error, critical

        /// `debug`, `info`, … (also accepts `warn`).
        public init?(name: String) {
            let lower = name.lowercased()
            if lower == "warn" { self = .warning; return }
            guard let level = Level.allCases.first(where: { "\($0)" == lower }) else { return nil }
            self = level
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The component name written as `"logger"`.
    public var label: String
    /// Messages below this level are dropped.
    public var level: Level
    /// Fields added to every line (e.g. `request_id`).
    public var metadata: [(String, String)] = []

    /// A logger at `level` (default: `LOG_LEVEL`, else `info`).
    public init(label: String, level: Level? = nil) {
        self.label = label
        self.level = level ?? Logger.environmentLevel
    }

    /// `LOG_LEVEL` from the environment, `info` if unset or unknown.
    public static var environmentLevel: Level {
        guard let value = getenv("LOG_LEVEL") else { return .info }
        return Level(name: String(decoding: UnsafeRawBufferPointer(start: value, count: strlen(value)), as: UTF8.self)) ?? .info
    }

    /// Whether a message at `level` would be written.
    public func isEnabled(_ level: Level) -> Bool { level >= self.level }

    /// Writes `message` with extra string fields if `level` is enabled.
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ fields: [(String, String)] = []) {
        guard isEnabled(level) else { return }
        logEncoded(level, message(), fields.map { ($0.0, JSONText.quote($0.1)) })
    }

    /// Writes a line whose members are already JSON-encoded values (for numbers).
    func logEncoded(_ level: Level, _ message: String, _ encodedFields: [(String, String)]) {
        guard isEnabled(level) else { return }
        var members: [(String, String)] = [("ts", JSONText.quote(RFC3339.now(milliseconds: true))),
                                           ("level", JSONText.quote("\(level)")),
                                           ("logger", JSONText.quote(label)),
                                           ("msg", JSONText.quote(message))]
        members += metadata.map { ($0.0, JSONText.quote($0.1)) } + encodedFields
        writeLine(JSONText.object(members))
    }

    /// Debug-level message.
    public func debug(_ message: @autoclosure () -> String, _ fields: [(String, String)] = []) { log(.debug, message(), fields) }
    /// Info-level message.
    public func info(_ message: @autoclosure () -> String, _ fields: [(String, String)] = []) { log(.info, message(), fields) }
    /// Warning-level message.
    public func warning(_ message: @autoclosure () -> String, _ fields: [(String, String)] = []) { log(.warning, message(), fields) }
    /// Error-level message.
    public func error(_ message: @autoclosure () -> String, _ fields: [(String, String)] = []) { log(.error, message(), fields) }

    private func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
    }
}
