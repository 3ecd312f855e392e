/// How deep a partition path goes below `symbol=`: to `year=`, `month=` or `day=`.
///
/// The rule (``Timeframe/partitionGranularity``), chosen so that no file holds a handful of
/// rows while none grows past a few hundred thousand:
///
/// | timeframe | written as | a file holds at most |
/// |---|---|---|
/// | `trades`, 1–59 minutes | `year=/month=/day=` | one UTC day |
/// | 1 hour up to (not including) 24 hours | `year=/month=` | one UTC month |
/// | 24 hours and more, `1d`, `1w`, `1mo` | `year=` | one UTC year |
///
/// Writers use exactly this depth. Readers also accept any *finer* depth (another pipeline's
/// `1d` files per day are harmless), never a coarser one (a `1m` file per month is refused).
public enum PartitionGranularity: Int, Hashable, Sendable, Comparable {
    /// `year=` only.
    case year = 1
    /// `year=/month=`.
    case month = 2
    /// `year=/month=/day=`.
    case day = 3

    /// Coarser granularities sort first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Timeframe {
    /// The depth at which this timeframe's partitions are written (see ``PartitionGranularity``).
    public var partitionGranularity: PartitionGranularity {
        switch kind {
        case .trades: return .day
        case .minutes(let count) where count < 60: return .day
        case .minutes(let count) where count < 24 * 60: return .month
        case .minutes, .day, .week, .month: return .year
        }
    }
}
