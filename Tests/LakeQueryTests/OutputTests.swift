import Foundation
import LakeCore
import LakeFormats
import LakeQuery
import Testing

/// Encoders: the seed row shapes, streaming in chunks, and the validation block.
@Suite struct OutputTests {
    static let bars = BarBatch([
        Bar(time: 1_672_565_400_000, open: 150.25, high: 150.5, low: 150, close: 150.45, volume: 100_000, vwap: 150.35,
            transactions: 500, takerBuyVolume: 60_000),
        Bar(time: 1_672_565_700_000, open: 150.45, high: 151, low: 150.4, close: 150.9, volume: 2_000.5, vwap: nil,
            transactions: nil, takerBuyVolume: nil),
    ])

    static func collect(_ stream: BarByteStream) async throws -> (chunks: Int, text: String) {
        var bytes: [UInt8] = []
        var chunks = 0
        for try await chunk in stream { bytes += chunk; chunks += 1 }
        return (chunks, String(decoding: bytes, as: UTF8.self))
    }

    @Test func jsonStreamsTheSeed000ShapeInChunks() async throws {
        let stream = BarByteStream(bars: Self.bars, closedCount: 1, format: .json, style: .seed000,
                                   prefix: Array(#"{"symbol":"AAPL","data":"#.utf8), suffix: Array("}".utf8), rowsPerChunk: 1)
        let (chunks, text) = try await Self.collect(stream)
        #expect(chunks == 2)
        #expect(text == #"{"symbol":"AAPL","data":[{"timestamp":"2023-01-01T09:30:00Z","open":150.25,"high":150.5,"low":150,"#
                + #""close":150.45,"volume":100000,"vwap":150.35,"transactions":500,"closed":true},"#
                + #"{"timestamp":"2023-01-01T09:35:00Z","open":150.45,"high":151,"low":150.4,"close":150.9,"volume":2000.5,"#
                + #""vwap":null,"transactions":null,"closed":false}]}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test func seed002UsesEpochMillisecondsAndTakerVolumes() async throws {
        let (_, text) = try await Self.collect(BarByteStream(bars: Self.bars, closedCount: 2, format: .ndjson, style: .seed002))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"candle_time":1672565400000,"open":150.25,"high":150.5,"low":150,"close":150.45,"volume":100000,"#
                + #""trades_count":500,"taker_buy_volume":60000,"taker_sell_volume":40000,"closed":true}"#)
    }

    @Test func seed003AndSeed004HaveIntegerVolumesAndLocalDates() async throws {
        let (_, ohlc) = try await Self.collect(BarByteStream(bars: Self.bars, closedCount: 2, format: .ndjson, style: .seed003))
        #expect(ohlc.hasSuffix(#""volume":2001}"# + "\n"))   // 2000.5 rounds half away from zero
        let seoul = try #require(TimeZone(identifier: "Asia/Seoul"))
        let daily = BarBatch([Bar(time: 1_731_078_000_000, open: 70_000, high: 72_000, low: 69_500, close: 71_000, volume: 15_234_567)])
        let (_, prices) = try await Self.collect(BarByteStream(bars: daily, closedCount: 1, format: .json, style: .seed004(timeZone: seoul)))
        // 2024-11-08T15:00:00Z is midnight of November 9 in Seoul.
        #expect(prices == #"[{"trade_date":"2024-11-09","open":70000,"high":72000,"low":69500,"close":71000,"volume":15234567}]"#)
    }

    @Test func csvAndParquetCarryTheSameBars() async throws {
        let (_, csv) = try await Self.collect(BarByteStream(bars: Self.bars, closedCount: 1, format: .csv, style: .seed000))
        #expect(csv.split(separator: "\n") == [
            "timestamp,open,high,low,close,volume,vwap,transactions,closed",
            "2023-01-01T09:30:00Z,150.25,150.5,150,150.45,100000,150.35,500,true",
            "2023-01-01T09:35:00Z,150.45,151,150.4,150.9,2000.5,,,false",
        ])
        var parquet: [UInt8] = []
        for try await chunk in BarByteStream(bars: Self.bars, closedCount: 2, format: .parquet, style: .seed000) { parquet += chunk }
        let table = try ParquetFileReader(bytes: parquet).readLocal()
        #expect(try OHLCVMapping.bars(from: table) == Self.bars)
    }

    @Test func parquetStreamsOneRowGroupPerChunkThenTheFooter() async throws {
        var many = BarBatch()
        for index in 0..<(2 * BarByteStream.parquetRowsPerChunk + 10) {
            many.append(Bar(time: Int64(index) * 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: Double(index)))
        }
        var chunks: [[UInt8]] = []
        for try await chunk in BarByteStream(bars: many, closedCount: many.count, format: .parquet, style: .seed000) { chunks.append(chunk) }
        #expect(chunks.count == 4)
        #expect(chunks.dropLast().allSatisfy { $0.count < 2 * BarByteStream.parquetRowsPerChunk * 6 * 8 })
        let reader = try ParquetFileReader(bytes: chunks.flatMap { $0 })
        #expect(reader.metadata.rowGroups.map(\.numRows) == [65_536, 65_536, 10])
        #expect(try OHLCVMapping.bars(from: reader.readLocal()) == many)
    }

    @Test func validationFindsEachProblem() {
        let minute: Int64 = 60_000
        let bars = BarBatch([
            Bar(time: 0, open: 10, high: 11, low: 9, close: 10, volume: 100),
            Bar(time: minute, open: 10, high: 9, low: 11, close: 10, volume: 100),          // high < low
            Bar(time: 4 * minute, open: 10, high: 11, low: 9, close: 10, volume: 100_000),  // gap of 2, volume spike
            Bar(time: 4 * minute, open: 0, high: 11, low: 0, close: 10, volume: -1),         // duplicate, non-positive, negative volume
            Bar(time: 5 * minute, open: 12, high: 11, low: 9, close: 10, volume: 100),      // open outside the range
        ])
        let report = BarValidation(bars: bars, bucketEnds: bars.time.map { $0 + minute }, timeframe: .oneMinute,
                                   days: try? ExchangeCalendar.utc.boundaries(for: .day, covering: 0..<86_400_000))
        #expect(report.gaps == 2 && report.gapExamples == [2 * minute])
        #expect(report.highBelowLow == 1 && report.duplicateTimes == 1 && report.nonPositivePrices == 1)
        #expect(report.volumeAnomalies == 2 && report.openCloseOutsideRange == 2 && !report.isValid)
        let json = try? JSONSerialization.jsonObject(with: Data(report.json())) as? [String: Any]
        #expect(json?["gaps"] as? Int == 2 && json?["valid"] as? Bool == false)
    }
}
