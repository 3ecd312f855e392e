import LakeCore

/// libFuzzer entry: any bytes as a message a `/ws/stream` client sends. Parsing must give a
/// command inside the limits ``StreamCommand`` promises or a ``StreamProtocolError``: a crash,
/// hang or leak is a bug. Built by Fuzz/run-modules.sh with StreamCommand.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStreamCommand(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let command = try? StreamCommand.parse(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    switch command {
    case .subscribe(let requests):
        check(symbols: requests.map(\.symbol))
        for request in requests {
            check(minutes: request.timeframes.map(\.minutes), allowsEmpty: false)
            require(request.timeframes.allSatisfy { (0...StreamCommand.maximumInitialCandles).contains($0.initialCandles) },
                         "initial_candles out of range")
        }
    case .unsubscribe(let requests):
        check(symbols: requests.map(\.symbol))
        for request in requests { check(minutes: request.minutes, allowsEmpty: true) }
    case .ping(let timestamp):
        require(timestamp.map { abs($0) < 1 << 53 } ?? true, "timestamp out of range")
    }
    return 0
}

private func check(symbols: [String]) {
    require((1...StreamCommand.maximumSymbols).contains(symbols.count), "\(symbols.count) symbols")
    for symbol in symbols {
        require((1...64).contains(symbol.utf8.count) && symbol.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "symbol '\(symbol)'")
    }
}

private func check(minutes: [Int], allowsEmpty: Bool) {
    require((allowsEmpty ? 0 : 1)...StreamCommand.maximumTimeframes ~= minutes.count, "\(minutes.count) timeframes")
    require(minutes.allSatisfy { (1...Timeframe.maximumMinutes).contains($0) }, "timeframe out of range: \(minutes)")
}
