/// One object of the lake, named by its Hive-partitioned key:
///
/// ```
/// [PREFIX/]timeframe=1m/exchange=NSE/symbol=NSE_CIPLA-EQ/year=2025/month=11/day=03/part-00021-899d3b8a.parquet
/// ```
///
/// Segments come in exactly this order; `month=` and `day=` are present down to the
/// timeframe's ``PartitionGranularity`` (or finer). Month and day are written zero-padded;
/// parsing (``init(parsing:basePrefix:)``) also reads unpadded values and `%3D` for `=`.
///
/// **Partitions are UTC dates**, not exchange-local dates: `day=03` holds rows whose time is
/// on 2025-11-03 in UTC. The key then never depends on configuration (an exchange's time
/// zone can be changed, or be wrong, without moving a file), stays stable across DST, and is
/// what DuckDB, Spark or pandas see when they read the layout. The price is that an exchange
/// day east or west of UTC can span two partitions (NSE's session is inside one UTC day; a
/// US session after 19:00 local crosses into the next), which the query planner handles
/// because it selects objects by time range, not by partition name.
public struct PartitionKey: Hashable, Sendable {
    /// The longest key accepted, in bytes (S3's own limit).
    public static let maximumKeyLength = 1024

    /// The data's timeframe (written canonically).
    public let timeframe: Timeframe
    /// The exchange code, validated by ``LayoutIdentifier``.
    public let exchange: String
    /// The symbol, validated by ``LayoutIdentifier``.
    public let symbol: String
    /// The UTC year.
    public let year: Int
    /// The UTC month (1–12), when the partition goes that deep.
    public let month: Int?
    /// The UTC day of the month, when the partition goes that deep.
    public let day: Int?
    /// The file name, ending in the extension of ``format``.
    public let fileName: String
    /// The file's format, from its extension.
    public let format: PartitionFileFormat

    /// A key from its parts, checked: valid identifiers and file name, an existing date, and
    /// a depth no coarser than the timeframe allows (`day` requires `month`).
    ///
    /// - Throws: ``LayoutError`` naming the first problem.
    public init(timeframe: Timeframe, exchange: String, symbol: String, year: Int, month: Int?, day: Int?,
                fileName: String) throws(LayoutError) {
        try LayoutIdentifier.validateExchange(exchange)
        try LayoutIdentifier.validateSymbol(symbol)
        self.format = try LayoutIdentifier.validateFileName(fileName)
        guard (1000...9999).contains(year) else { throw LayoutError(.invalidValue, "year \(year) is not a four-digit year") }
        if let month, !(1...12).contains(month) { throw LayoutError(.impossibleDate, "month \(month) does not exist") }
        if let day {
            guard let month else { throw LayoutError(.missingSegment, "day=\(day) needs a month= segment") }
            guard (1...CivilDate.daysIn(month: month, year: Int64(year))).contains(day) else {
                throw LayoutError(.impossibleDate, "\(year)-\(Self.pad(month))-\(Self.pad(day)) does not exist")
            }
        }
        let depth: PartitionGranularity = day != nil ? .day : month != nil ? .month : .year
        guard depth >= timeframe.partitionGranularity else {
            throw LayoutError(.granularity, "\(timeframe.canonical) partitions must go down to \(timeframe.partitionGranularity)=")
        }
        self.timeframe = timeframe
        self.exchange = exchange
        self.symbol = symbol
        self.year = year
        self.month = month
        self.day = day
        self.fileName = fileName
    }

    /// The key a writer uses for data of `timeframe` at `time` (epoch ms): the UTC date of
    /// `time`, cut to the timeframe's ``PartitionGranularity``.
    public init(writing timeframe: Timeframe, exchange: String, symbol: String, containing time: Int64,
                fileName: String) throws(LayoutError) {
        let date = CivilDate(daysSinceEpoch: time.flooredDivision(by: Self.millisecondsPerDay))
        let granularity = timeframe.partitionGranularity
        try self.init(timeframe: timeframe, exchange: exchange, symbol: symbol, year: Int(date.year),
                      month: granularity >= .month ? date.month : nil, day: granularity == .day ? date.day : nil,
                      fileName: fileName)
    }

    private static let millisecondsPerDay: Int64 = 86_400_000

    /// How deep this key's partition goes.
    public var granularity: PartitionGranularity {
        day != nil ? .day : month != nil ? .month : .year
    }

    /// The partition directory below the base prefix, without the file name and without a
    /// trailing slash, month and day zero-padded.
    public var partitionPath: String {
        var path = "timeframe=\(timeframe.canonical)/exchange=\(exchange)/symbol=\(symbol)/year=\(year)"
        if let month { path += "/month=\(Self.pad(month))" }
        if let day { path += "/day=\(Self.pad(day))" }
        return path
    }

    /// The full object key under `basePrefix` (which may be empty; surrounding slashes are
    /// ignored), in the canonical written form.
    public func objectKey(basePrefix: String = "") -> String {
        let prefix = basePrefix.split(separator: "/").joined(separator: "/")
        let relative = partitionPath + "/" + fileName
        return prefix.isEmpty ? relative : prefix + "/" + relative
    }

    /// The UTC time range the partition covers, in epoch milliseconds: its day, month or year.
    public var timeRange: Range<Int64> {
        let startDay = CivilDate(year: Int64(year), month: month ?? 1, day: day ?? 1).daysSinceEpoch
        let endDay: Int64
        if day != nil {
            endDay = startDay + 1
        } else if let month {
            endDay = startDay + Int64(CivilDate.daysIn(month: month, year: Int64(year)))
        } else {
            endDay = CivilDate(year: Int64(year) + 1, month: 1, day: 1).daysSinceEpoch
        }
        return (startDay * Self.millisecondsPerDay)..<(endDay * Self.millisecondsPerDay)
    }

    static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
