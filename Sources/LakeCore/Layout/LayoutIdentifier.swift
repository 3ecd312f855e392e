/// The characters and lengths allowed in the values of a layout key, so that every value is
/// safe as a path segment, a SQL parameter and a file name on any file system.
///
/// Symbols (`NSE_CIPLA-EQ`, `AAPL`, `BRK.B`, `BTC-USDT`) and exchanges (`NSE`, `XNAS`) use
/// ASCII letters, digits, `.`, `_` and `-`, start with a letter or digit (so `.`, `..` and
/// option-like `-x` are impossible) and are case-sensitive.
public enum LayoutIdentifier {
    /// The longest symbol accepted.
    public static let maximumSymbolLength = 64
    /// The longest exchange code accepted.
    public static let maximumExchangeLength = 32
    /// The longest file name accepted.
    public static let maximumFileNameLength = 200

    /// Checks a symbol. - Throws: ``LayoutError`` of kind `.invalidValue` with the reason.
    public static func validateSymbol(_ symbol: String) throws(LayoutError) {
        try validate(symbol, what: "symbol", maximumLength: maximumSymbolLength)
    }

    /// Checks an exchange code. - Throws: ``LayoutError`` of kind `.invalidValue`.
    public static func validateExchange(_ exchange: String) throws(LayoutError) {
        try validate(exchange, what: "exchange", maximumLength: maximumExchangeLength)
    }

    /// Checks a partition file name: the same characters, a known extension
    /// (``PartitionFileFormat``) after a non-empty stem. Returns the format.
    /// - Throws: ``LayoutError`` of kind `.unsupportedFile`.
    public static func validateFileName(_ name: String) throws(LayoutError) -> PartitionFileFormat {
        do {
            try validate(name, what: "file name", maximumLength: maximumFileNameLength)
        } catch {
            throw LayoutError(.unsupportedFile, error.reason)
        }
        guard let format = PartitionFileFormat(fileName: name) else {
            throw LayoutError(.unsupportedFile, "file '\(name)' must end in .parquet, .csv or .csv.gz")
        }
        return format
    }

    private static func validate(_ value: String, what: String, maximumLength: Int) throws(LayoutError) {
        var copy = value
        let problem: String? = copy.withUTF8 { bytes in
            guard let first = bytes.first else { return "\(what) is empty" }
            guard bytes.count <= maximumLength else { return "\(what) is longer than \(maximumLength) characters" }
            guard isAlphanumeric(first) else { return "\(what) '\(value)' must start with a letter or digit" }
            for byte in bytes where !isAlphanumeric(byte) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                return "\(what) '\(value)' may hold only letters, digits, '.', '_' and '-'"
            }
            return nil
        }
        if let problem { throw LayoutError(.invalidValue, problem) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
