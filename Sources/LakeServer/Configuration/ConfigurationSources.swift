/// The three layers a setting can come from, highest first: command-line flags, the
/// environment, the configuration file. Lookups report where the winning value came from so
/// that errors can point at it.
struct ConfigurationSources: Sendable {
    /// Values from flags, keyed by the setting's key (`SERVER_PORT`), with the flag's spelling.
    var flags: [String: (value: String, flag: String)] = [:]
    /// The process environment.
    var environment: [String: String] = [:]
    /// The configuration file, if one was read.
    var file: ConfigFile?
    /// The file's name for messages.
    var fileName = "config"

    /// The value of `key` and where it came from; empty environment values count as unset.
    func lookup(_ key: String) -> (value: String, source: String)? {
        if let flag = flags[key] { return (flag.value, flag.flag) }
        if let value = environment[key], !value.isEmpty { return (value, "environment") }
        if let file, let value = file.values[key] { return (value, "\(fileName):\(file.line(of: key) ?? 0)") }
        return nil
    }

    /// The value of `key` converted by `parse`, `defaultValue` when unset, or an error naming
    /// the key, its source and `expected`.
    func value<T>(_ key: String, default defaultValue: T, expected: String, _ parse: (String) -> T?) throws(ConfigurationError) -> T {
        guard let (text, source) = lookup(key) else { return defaultValue }
        guard let value = parse(text) else {
            throw ConfigurationError(key: key, source: source, "'\(text.prefix(100))' is not \(expected)")
        }
        return value
    }

    /// The value of `key` converted by `parse`, nil when unset.
    func optionalValue<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(ConfigurationError) -> T? {
        guard lookup(key) != nil else { return nil }
        return try value(key, default: nil, expected: expected) { text -> T?? in parse(text).map { .some($0) } }
    }

    /// An integer setting within `range`.
    func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        try value(key, default: defaultValue, expected: "a whole number in \(range.lowerBound)…\(range.upperBound)") { text in
            Int(text.replacingOccurrences(of: "_", with: "")).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// The settings the S3 client reads, file values overridden by the environment (flags do
    /// not name S3 client settings).
    var storeEnvironment: [String: String] {
        var merged = file?.values ?? [:]
        for (key, value) in environment where !value.isEmpty { merged[key] = value }
        for (key, flag) in flags { merged[key] = flag.value }
        return merged
    }
}
