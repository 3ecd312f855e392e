import Foundation
import LakeCore
import LakeFormats

/// `candlelake file schema|cat PATH`: inspect Parquet and CSV files, like parquet-tools.
///
/// ```
/// candlelake file schema bars.parquet
/// candlelake file cat bars.parquet --format csv --columns timestamp,close
/// ```
enum FileCommand: Subcommand {
    static let name = "file"
    static let summary = "inspect Parquet/CSV files: schema PATH | cat PATH [--format ndjson|csv] [--columns a,b]"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let action = try arguments.positional("ACTION")
        let path = try arguments.positional("PATH")
        switch action {
        case "schema":
            try arguments.finish()
            let file = try TabularFile(path: path)
            write(Array(file.schemaDescription().utf8))
        case "cat":
            let format = try arguments.option("format") ?? "ndjson"
            let columns = try arguments.option("columns").map { $0.split(separator: ",").map(String.init) }
            try arguments.finish()
            guard format == "ndjson" || format == "csv" else { throw UsageError("--format must be ndjson or csv") }
            let table = try TabularFile(path: path).read(columns: columns, threads: ProcessInfo.processInfo.activeProcessorCount)
            try cat(table, csv: format == "csv")
        case "bench-read":
            let threads = try arguments.option("threads", as: Int.self) ?? 1
            let repeats = try arguments.option("repeat", as: Int.self) ?? 5
            try arguments.finish()
            try benchRead(path: path, threads: threads, repeats: repeats)
        default:
            throw UsageError("unknown action '\(action)' (schema, cat)")
        }
        return 0
    }

    private static func cat(_ table: ColumnTable, csv: Bool) throws {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        if csv { CSVWriter.appendHeader(table, to: &output) }
        var start = 0
        // Write in slices so memory stays flat for large files.
        while start < table.rowCount {
            let end = min(start + 8192, table.rowCount)
            if csv { CSVWriter.append(table, rows: start..<end, to: &output) } else { NDJSONWriter.append(table, rows: start..<end, to: &output) }
            write(output)
            output.removeAll(keepingCapacity: true)
            start = end
        }
        write(output)
    }

    private static func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Times loading the whole file into a `BarBatch` (decode + OHLCV mapping; hidden, used by
    /// bench/parquet-read.sh). Prints the first (cold) run and the best run.
    private static func benchRead(path: String, threads: Int, repeats: Int) throws {
        var best = Double.infinity
        var first: Double?
        var rows = 0
        for _ in 0..<max(repeats, 1) {
            let clock = ContinuousClock()
            let start = clock.now
            let reader = try ParquetFileReader(path: path)
            let bars = try OHLCVMapping.bars(from: reader.readLocal(threads: threads))
            let elapsed = clock.now - start
            rows = bars.count
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds)
            first = first ?? seconds
        }
        print("rows=\(rows) first=\(first ?? 0) seconds=\(best)")
    }
}
