import Foundation

/// One parsed AWS shared file (`~/.aws/credentials` or `~/.aws/config`): profiles and
/// their lower-cased keys. Nested sections (`s3 =` followed by indented lines) become
/// dotted keys (`s3.addressing_style`).
public struct AWSProfileFile: Sendable, Equatable {
    /// Which of the two files (their section headers differ).
    public enum Kind: Sendable {
        /// `[name]` sections.
        case credentials
        /// `[default]` and `[profile name]` sections; other section types are ignored.
        case config
    }

    /// Profile name → key → value.
    public private(set) var profiles: [String: [String: String]] = [:]

    /// Parses file text. Malformed lines are skipped, as the AWS CLI does with comments
    /// it does not understand; a file never makes the process crash.
    public init(parsing text: String, kind: Kind) {
        var current: String? = nil
        var parent: String? = nil
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                parent = nil
                current = Self.profileName(header: trimmed, kind: kind)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let profile = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = Self.stripComment(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent {
                profiles[profile]?[parent + "." + key] = value
            } else {
                profiles[profile]?[key] = value
                parent = value.isEmpty ? key : nil
            }
        }
    }

    /// Reads and parses `path`; nil when the file does not exist or cannot be read.
    public static func load(path: String, kind: Kind) -> AWSProfileFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return AWSProfileFile(parsing: String(decoding: data, as: UTF8.self), kind: kind)
    }

    private static func profileName(header: String, kind: Kind) -> String? {
        guard header.hasSuffix("]") else { return nil }
        let inner = header.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        switch kind {
        case .credentials:
            return inner.isEmpty ? nil : inner
        case .config:
            if inner == "default" { return inner }
            guard inner.hasPrefix("profile ") || inner.hasPrefix("profile\t") else { return nil }
            let name = inner.dropFirst("profile".count).trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }

    /// Removes an inline ` #…` / ` ;…` comment (a `#` inside a value, e.g. in a secret, stays).
    private static func stripComment(_ value: String) -> String {
        for marker in [" #", "\t#", " ;", "\t;"] {
            if let range = value.range(of: marker) { return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces) }
        }
        return value
    }
}
