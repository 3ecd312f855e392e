import LakeHTTP

/// libFuzzer entry: any bytes as the CSV file of `candlelake ingest FILE.csv`; the first byte says
/// whether `--symbol` is given. Reading must give a JSON body or a 400 ``HTTPError``, and the body
/// must be JSON that ``TradeBatchParser`` reads: accepted, or refused with the fields named, never
/// as text that is not JSON. Built by Fuzz/run-modules.sh with the ingest source files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTradeCSVBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let symbol = data[0] & 1 == 1 ? "AAPL" : nil
    let body: [UInt8]
    do {
        body = try withTemporaryFile(UnsafeBufferPointer(start: data + 1, count: size - 1)) { path in
            try TradeCSVBody.read(csvAt: path, symbol: symbol, limit: 1 << 20)
        }
    } catch let error as HTTPError {
        require(error.status == .badRequest, "unexpected error \(error)")
        return 0
    } catch {
        propertyFailed("untyped error \(error)")
    }
    do {
        let parsed = try TradeBatchParser.parse(body)
        require(symbol == nil || parsed.symbol == symbol, "symbol \(parsed.symbol) instead of \(symbol ?? "")")
    } catch {
        require(error.code != "INVALID_JSON", "not JSON (\(error.message)): \(String(decoding: body, as: UTF8.self))")
    }
    return 0
}
