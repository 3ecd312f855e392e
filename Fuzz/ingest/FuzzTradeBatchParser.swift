import LakeCore
import LakeHTTP

/// libFuzzer entry: any bytes as the body of `POST /v1/trades/ingest`. Parsing must give a batch
/// inside the ranges ``TradeBatchParser`` promises, which survives a round trip through the
/// canonical body, or one of its two typed errors: a crash, hang or leak is a bug.
/// Built by Fuzz/run-modules.sh with the parser's source files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTradeBatchParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed: TradeBatchParser.Parsed
    do {
        parsed = try TradeBatchParser.parse(body)
    } catch {
        let expected = (error.status == .badRequest && error.code == "INVALID_JSON")
            || (error.status == .unprocessableContent && error.code == "VALIDATION_ERROR")
        require(expected && !error.details.isEmpty, "unexpected error \(error)")
        require(error.details.count <= TradeBatchParser.maximumProblems, "problem list not capped")
        return 0
    }
    let trades = parsed.trades
    require(trades.count > 0, "an empty batch was accepted")
    for index in 0..<trades.count {
        let trade = trades[index]
        require((0..<253_402_300_800_000).contains(trade.time), "time \(trade.time) outside 1970…9999")
        require(trade.price.isFinite && trade.price > 0, "price \(trade.price) not positive")
        require(trade.size.isFinite && trade.size >= 0 && trade.size.sign == .plus, "volume \(trade.size) negative")
    }
    // The batch written back as a canonical body reads as the same batch.
    var canonical = #"{"trades":["#
    for index in 0..<trades.count {
        let trade = trades[index]
        canonical += (index == 0 ? "" : ",") + #"{"timestamp":\#(trade.time),"symbol":\#(JSONText.quote(parsed.symbol)),"#
            + #""price":\#(trade.price),"volume":\#(trade.size)}"#
    }
    canonical += "]}"
    guard let again = try? TradeBatchParser.parse(Array(canonical.utf8)) else { propertyFailed("canonical body refused: \(canonical)") }
    require(again.trades == trades && again.symbol == parsed.symbol, "round trip changed the batch: \(canonical)")
    return 0
}
