import Foundation
import LakeCore

/// Every command, in the order `candlelake help` lists them.
let subcommands: [any Subcommand.Type] = [
    ServeCommand.self,
    S3Command.self,
    FileCommand.self,
    CatalogCommand.self,
    KeysCommand.self,
    IngestCommand.self,
    DemoCommand.self,
    QueryBenchCommand.self,
    RangedReadBenchCommand.self,
]

@MainActor func printUsage() {
    var text = "candlelake \(CandleLakeVersion.current) — an OHLCV data lake service\n\nUsage: candlelake COMMAND [ARGS]\n\nCommands:\n"
    let width = subcommands.reduce(0) { max($0, $1.name.count) } + 2
    for command in subcommands {
        text += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !["help", "--help", "-h"].contains(name) else {
    printUsage()
    exit(arguments.isEmpty ? 2 : 0)
}
if name == "--version" {
    print(CandleLakeVersion.current)
    exit(0)
}
guard let command = subcommands.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(Data("candlelake: unknown command '\(name)' (see 'candlelake help')\n".utf8))
    exit(2)
}
do {
    exit(try await command.run(CommandArguments(Array(arguments.dropFirst()))))
} catch let error as UsageError {
    FileHandle.standardError.write(Data("candlelake \(name): \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("candlelake \(name): \(error)\n".utf8))
    exit(1)
}
