/// One `candlelake NAME …` command. Each lives in its own file and is listed in `main.swift`.
protocol Subcommand {
    /// The word after `candlelake`.
    static var name: String { get }
    /// One line for `candlelake help`.
    static var summary: String { get }
    /// Runs with the arguments after the command name; returns the process exit code.
    static func run(_ arguments: CommandArguments) async throws -> Int32
}

/// A usage mistake: printed to stderr as one line, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
