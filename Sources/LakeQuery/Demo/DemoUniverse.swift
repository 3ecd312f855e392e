/// The symbols a demo lake is filled with, spread over several exchanges and sessions.
public enum DemoUniverse {
    /// One demo instrument.
    public struct Instrument: Sendable, Hashable {
        /// Symbol as stored (`symbol=`).
        public let symbol: String
        /// Exchange code.
        public let exchange: String
        /// Display name for symbol search.
        public let name: String
        /// Instrument type (`equity`, `crypto`).
        public let type: String
        /// A plausible starting price.
        public let startPrice: Double
    }

    /// Instruments in round-robin order over NYSE/NASDAQ, NSE and BINANCE, so that the first
    /// N always cover several exchanges.
    public static let instruments: [Instrument] = {
        let us = [("AAPL", "NASDAQ", "Apple Inc.", 190.0), ("MSFT", "NASDAQ", "Microsoft Corporation", 410.0),
                  ("IBM", "NYSE", "International Business Machines", 180.0), ("KO", "NYSE", "The Coca-Cola Company", 60.0)]
        let india = [("NSE_RELIANCE-EQ", "NSE", "Reliance Industries", 2900.0), ("NSE_TCS-EQ", "NSE", "Tata Consultancy Services", 3900.0),
                     ("NSE_INFY-EQ", "NSE", "Infosys", 1500.0), ("NSE_CIPLA-EQ", "NSE", "Cipla", 1400.0)]
        let crypto = [("BTCUSDT", "BINANCE", "Bitcoin / Tether", 60_000.0), ("ETHUSDT", "BINANCE", "Ether / Tether", 3_000.0),
                      ("SOLUSDT", "BINANCE", "Solana / Tether", 150.0), ("BNBUSDT", "BINANCE", "BNB / Tether", 550.0)]
        var result: [Instrument] = []
        for index in 0..<4 {
            for (symbol, exchange, name, price) in [us[index], india[index], crypto[index]] {
                result.append(Instrument(symbol: symbol, exchange: exchange, name: name,
                                         type: exchange == "BINANCE" ? "crypto" : "equity", startPrice: price))
            }
        }
        return result
    }()
}
