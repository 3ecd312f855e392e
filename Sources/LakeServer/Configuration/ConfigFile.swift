import Foundation

/// The `Config/candlelake.conf` format: one `KEY = value` per line, `#` starts a comment
/// (at the start of a line, or after whitespace), blank lines are ignored, and a value may
/// be wrapped in double quotes to keep a `#` or surrounding spaces.
///
/// ```
/// # where the lake lives
/// S3_BUCKET = ohlcv-pipeline
/// S3_BASE_PREFIX = "ohlcv/processed"   # quoted: kept verbatim
/// ```
///
/// Keys are the environment variable names, so a line can be moved between the file and the
/// environment unchanged. A key given twice is an error (the second would silently win).
public struct ConfigFile: Sendable, Equatable {
    /// The settings in file order.
    public let entries: [(key: String, value: String, line: Int)]

    /// The longest file accepted; a configuration file is a few KiB, anything larger is a mistake.
    public static let maximumBytes = 1 << 20

    /// Parses `text`. - Throws: ``ConfigurationError`` naming the line.
    public init(parsing text: String, source: String = "config") throws(ConfigurationError) {
        guard text.utf8.count <= Self.maximumBytes else {
            throw ConfigurationError(key: nil, source: source, "file is larger than \(Self.maximumBytes) bytes")
        }
        var entries: [(key: String, value: String, line: Int)] = []
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = index + 1
            let content = Self.strippingComment(rawLine).trimmingWhitespace
            guard !content.isEmpty else { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw ConfigurationError(key: nil, source: "\(source):\(line)", "expected KEY = value, found '\(content.prefix(60))'")
            }
            let key = String(content[..<equals].trimmingWhitespace)
            guard Self.isValidKey(key) else {
                throw ConfigurationError(key: nil, source: "\(source):\(line)",
                                         "'\(key.prefix(60))' is not a key (letters, digits and _; starting with a letter)")
            }
            if let first = seen[key] {
                throw ConfigurationError(key: key, source: "\(source):\(line)", "set twice (first on line \(first))")
            }
            seen[key] = line
            let value = try Self.unquote(content[content.index(after: equals)...].trimmingWhitespace, key: key, source: "\(source):\(line)")
            entries.append((key, value, line))
        }
        self.entries = entries
    }

    /// The settings as a dictionary.
    public var values: [String: String] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// The line that set `key`, for error messages.
    public func line(of key: String) -> Int? { entries.first { $0.key == key }?.line }

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value && $0.line == $1.line }
    }

    static func isValidKey(_ key: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = key.utf8.first, isLetter(first) else { return false }
        return key.utf8.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// The line up to a `#` that starts the line or follows whitespace, outside quotes.
    private static func strippingComment(_ line: Substring) -> Substring {
        var inQuotes = false
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "\"" { inQuotes.toggle() }
            if character == "#", !inQuotes, previous == " " || previous == "\t" { return line[..<index] }
            previous = character
        }
        return line
    }

    private static func unquote(_ value: Substring, key: String, source: String) throws(ConfigurationError) -> String {
        guard value.hasPrefix("\"") else {
            guard !value.contains("\"") else { throw ConfigurationError(key: key, source: source, "stray '\"' in an unquoted value") }
            return String(value)
        }
        guard value.count >= 2, value.hasSuffix("\""), !value.dropFirst().dropLast().contains("\"") else {
            throw ConfigurationError(key: key, source: source, "unterminated or nested quotes in \(value)")
        }
        return String(value.dropFirst().dropLast())
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns (CRLF files).
    var trimmingWhitespace: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return result
    }
}

extension ConfigFile {
    /// Reads the file at `path`; nil when it does not exist and `required` is false.
    /// - Throws: ``ConfigurationError`` when a required file is missing or unreadable, or does not parse.
    public static func load(path: String, required: Bool) throws(ConfigurationError) -> ConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard required else { return nil }
            throw ConfigurationError(key: nil, source: path, "cannot read the configuration file")
        }
        guard data.count <= maximumBytes, let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(key: nil, source: path, "not a UTF-8 text file of at most \(maximumBytes) bytes")
        }
        return try ConfigFile(parsing: text, source: path)
    }
}
