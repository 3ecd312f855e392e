import Foundation
import Testing
import LakeCore
@testable import LakeFormats

@Suite struct OHLCVMappingTests {
    /// Vendor-shaped CSV headers and time representations that must all load the same bar.
    static let shapes: [(String, String)] = [
        ("iso", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,100\n"),
        ("polygon", "window_start,o,h,l,c,v,vw,n\n1704067200000000000,1,2,0.5,1.5,100,1.2,7\n"),
        ("binance", "open_time,open,high,low,close,volume,number_of_trades,taker_buy_base_asset_volume\n1704067200000,1,2,0.5,1.5,100,7,40\n"),
        ("seconds + reordered", "volume,close,low,high,open,ts\n100,1.5,0.5,2,1,1704067200\n"),
        ("microseconds", "time,open,high,low,close,quantity\n1704067200000000,1,2,0.5,1.5,100\n"),
        ("offset + spaces + CRLF", "Candle_Time , Open,High,Low,Close,Volume\r\n2024-01-01T05:30:00+05:30, 1 ,2,0.5,1.5,100\r\n"),
        ("date only", "date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,100\n"),
    ]

    @Test(arguments: shapes)
    func loadsCommonVendorShapes(name: String, csv: String) throws {
        let document = try CSVDocument(bytes: Array(csv.utf8))
        let bars = try OHLCVMapping.bars(from: document.table, lines: document.lines)
        #expect(bars.count == 1, "\(name)")
        let bar = bars[0]
        #expect(bar.time == 1_704_067_200_000, "\(name)")
        #expect([bar.open, bar.high, bar.low, bar.close, bar.volume] == [1, 2, 0.5, 1.5, 100], "\(name)")
    }

    @Test func optionalColumnsAreKeptWithNulls() throws {
        let csv = "t,o,h,l,c,v,vwap,trades_count,taker_buy_volume\n1704067200,1,1,1,1,1,,3,\n1704067260,2,2,2,2,2,2.5,,0.5\n"
        let document = try CSVDocument(bytes: Array(csv.utf8))
        let bars = try OHLCVMapping.bars(from: document.table, lines: document.lines)
        #expect(bars[0].vwap == nil && bars[1].vwap == 2.5)
        #expect(bars[0].transactions == 3 && bars[1].transactions == nil)
        #expect(bars[1].takerBuyVolume == 0.5)
    }

    static let errors: [(String, String, String)] = [
        ("missing close", "time,open,high,low,volume\n2024-01-01,1,2,0,5\n", "no close column"),
        ("bad number", "time,open,high,low,close,volume\n2024-01-01,1,2,0,x1,5\n2024-01-02,1,2,0,1,5\n", "line 2, column close: 'x1' is not a number"),
        ("bad time", "time,open,high,low,close,volume\n2024-01-01,1,2,0,1,5\nyesterday,1,2,0,1,5\n", "line 3, column time"),
        ("missing required value", "time,open,high,low,close,volume\n2024-01-01,1,2,0,,5\n", "line 2, column close: missing value"),
    ]

    @Test(arguments: errors)
    func errorsNameTheLineAndColumn(name: String, csv: String, message: String) throws {
        let document = try CSVDocument(bytes: Array(csv.utf8))
        #expect {
            _ = try OHLCVMapping.bars(from: document.table, lines: document.lines)
        } throws: { error in
            (error as? OHLCVError)?.description.contains(message) == true
        }
    }

    @Test func parquetTimestampsOfAnyUnitBecomeMilliseconds() throws {
        for unit in [EpochUnit.milliseconds, .microseconds, .nanoseconds] {
            let times = [Int64(1_704_067_200_123), 1_704_067_260_000].map { EpochUnit.milliseconds.convert($0, to: unit)! }
            var columns = ParquetInteropTests.sampleBars(rows: 2).columnTable().columns
            columns[0] = Column(descriptor: ColumnDescriptor(name: "ts", physicalType: .int64,
                                                             logicalType: .timestamp(isAdjustedToUTC: true, unit: unit)),
                                values: .int64(times))
            let bytes = try ParquetWriter.write(ColumnTable(columns: columns, rowCount: 2))
            let bars = try OHLCVMapping.bars(from: ParquetFileReader(bytes: bytes).readLocal())
            #expect(bars.time == [1_704_067_200_123, 1_704_067_260_000], "\(unit)")
        }
    }

    @Test func tradesLoadWithAliases() throws {
        let document = try CSVDocument(bytes: Array("ts,p,qty\n1704067200123,101.5,3\n".utf8))
        let trades = try OHLCVMapping.trades(from: document.table, lines: document.lines)
        #expect(trades[0] == Trade(time: 1_704_067_200_123, price: 101.5, size: 3))
    }
}
