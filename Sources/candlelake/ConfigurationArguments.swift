import Foundation
import LakeServer

/// The configuration flags shared by `serve` and `catalog`: `--config PATH` (default
/// `Config/candlelake.conf` when it exists) and one flag per setting in
/// ``ServerConfiguration/flagKeys`` (`--port`, `--data-dir`, `--bucket`, …).
enum ConfigurationArguments {
    /// Consumes the flags from `arguments` and resolves the configuration.
    static func resolve(_ arguments: inout CommandArguments) throws -> ServerConfiguration {
        let explicitPath = try arguments.option("config")
        var flags: [String: (value: String, flag: String)] = [:]
        for (flag, key) in ServerConfiguration.flagKeys {
            if let value = try arguments.option(flag) { flags[key] = (value, "--" + flag) }
        }
        let path = explicitPath ?? "Config/candlelake.conf"
        let file = try ConfigFile.load(path: path, required: explicitPath != nil)
        return try ServerConfiguration.resolve(file: file, fileName: path, environment: ProcessInfo.processInfo.environment, flags: flags)
    }
}
