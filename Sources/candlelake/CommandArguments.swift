/// Positional arguments and `--name value` / `--name=value` / `--flag` options of one command.
///
/// ```swift
/// var args = CommandArguments(["s3://b/k", "--expires", "60"])
/// let expires = try args.option("expires", as: Int.self) ?? 3600
/// let target = try args.positional("TARGET")
/// try args.finish()
/// ```
struct CommandArguments {
    private var positionals: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private var consumed: Set<String> = []

    /// Splits raw arguments; `--` ends option parsing.
    init(_ raw: [String]) {
        var index = 0
        var onlyPositionals = false
        while index < raw.count {
            let word = raw[index]
            index += 1
            guard !onlyPositionals, word.hasPrefix("--"), word.count > 2 else {
                if word == "--" && !onlyPositionals { onlyPositionals = true } else { positionals.append(word) }
                continue
            }
            let body = word.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                options[String(body[..<equals])] = String(body[body.index(after: equals)...])
            } else if index < raw.count, !raw[index].hasPrefix("--") {
                options[String(body)] = raw[index]
                index += 1
            } else {
                flags.insert(String(body))
            }
        }
    }

    /// The next positional argument, or a usage error naming it.
    mutating func positional(_ name: String) throws -> String {
        guard let next = optionalPositional() else { throw UsageError("missing argument \(name)") }
        return next
    }

    /// The next positional argument if there is one.
    mutating func optionalPositional() -> String? {
        positionals.isEmpty ? nil : positionals.removeFirst()
    }

    /// The value of `--name`, converted; a usage error if it does not convert.
    mutating func option<T: LosslessStringConvertible>(_ name: String, as type: T.Type = String.self) throws -> T? {
        consumed.insert(name)
        if flags.contains(name) { throw UsageError("--\(name) needs a value") }
        guard let text = options[name] else { return nil }
        guard let value = T(text) else { throw UsageError("--\(name): '\(text)' is not a valid \(T.self)") }
        return value
    }

    /// Whether the bare flag `--name` was given.
    mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    /// Fails on anything the command did not ask for, so typos are not silently ignored.
    func finish() throws {
        if let extra = positionals.first { throw UsageError("unexpected argument '\(extra)'") }
        let unknown = Set(options.keys).union(flags).subtracting(consumed)
        if let name = unknown.sorted().first { throw UsageError("unknown option --\(name)") }
    }
}
