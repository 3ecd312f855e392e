import Testing
import LakeCore

@Suite struct BarBatchTests {
    @Test func appendCreatesOptionalColumnsLazilyWithMissingEarlierRows() {
        var batch = BarBatch()
        batch.append(Bar(time: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10))
        #expect(batch.vwap == nil)
        batch.append(Bar(time: 60_000, open: 1.5, high: 3, low: 1, close: 2, volume: 20, vwap: 2.1, transactions: 7))
        #expect(batch.count == 2)
        #expect(batch[0].vwap == nil)
        #expect(batch[1].vwap == 2.1)
        #expect(batch[1].transactions == 7)
        #expect(batch.vwap?.validity == [false, true])
        #expect(batch.takerBuyVolume == nil)
    }

    @Test func initFromBarsRoundTripsThroughSubscript() {
        let bars = [
            Bar(time: 1, open: 1, high: 1, low: 1, close: 1, volume: 1, takerBuyVolume: 0.5),
            Bar(time: 2, open: 2, high: 2, low: 2, close: 2, volume: 2),
        ]
        let batch = BarBatch(bars)
        #expect((0..<batch.count).map { batch[$0] } == bars)
        #expect(batch.takerBuyVolume?.validity == [true, false])
    }

    @Test func nullableColumnWithoutMissingRowsHasNoValidity() {
        let column = NullableColumn<Int64>([1, 2, 3], placeholder: 0)
        #expect(column.validity == nil)
        #expect(column[2] == 3)
    }
}
