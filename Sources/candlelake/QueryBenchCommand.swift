import Foundation
import LakeCore
import LakeQuery

/// `candlelake query-bench`: times the query engine in-process on the local lake, for
/// `bench/query.sh`. Runs the query once cold, then `--repeat` times warm, and prints one JSON
/// line: bars, first (cold) run, minimum and median warm latency in milliseconds, and a
/// checksum (sum of closes) that the script compares with the peers'.
struct QueryBenchCommand: Subcommand {
    static let name = "query-bench"
    static let summary = "time a bar query in-process (--symbol, --timeframe, --start, --end, --repeat)"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let symbol: String = try arguments.option("symbol") ?? "BTCUSDT"
        let timeframe = try Timeframe(parsing: try arguments.option("timeframe") ?? "1h")
        let start = try time(arguments.option("start"), name: "start")
        let end = try time(arguments.option("end"), name: "end")
        let repeats = try arguments.option("repeat", as: Int.self) ?? 20
        let lake = try LocalLake(arguments: &arguments)
        try arguments.finish()
        let service = BarQueryService(planner: QueryPlanner(catalog: lake.catalog, timeZones: lake.configuration.exchangeTimeZones),
                                      loader: ObjectLoader(store: lake.store))
        let query = BarQuery(symbol: symbol, timeframe: timeframe, range: start..<end)
        var timings: [Double] = []
        var result: BarQueryResult?
        for _ in 0...max(1, repeats) {
            let began = DispatchTime.now().uptimeNanoseconds
            result = try await service.bars(query)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6)
        }
        let warm = timings.dropFirst().sorted()
        let bars = result!.bars
        print(#"{"bars":\#(bars.count),"objects":\#(result!.plan.objects.count),"first_ms":\#(timings[0]),"#
              + #""min_ms":\#(warm.first!),"median_ms":\#(warm[warm.count / 2]),"close_sum":\#(bars.close.reduce(0, +))}"#)
        return 0
    }

    private static func time(_ text: String?, name: String) throws -> Int64 {
        guard let text else { throw UsageError("--\(name) is required (YYYY-MM-DD or RFC 3339)") }
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        guard let value = RFC3339.parse(full, unit: .milliseconds) else { throw UsageError("--\(name) '\(text)' is not a date") }
        return value
    }
}
