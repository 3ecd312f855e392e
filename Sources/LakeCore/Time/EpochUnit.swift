/// The unit of an integer count since 1970-01-01T00:00:00Z.
///
/// Files and APIs disagree on the unit of "epoch" numbers; `EpochUnit.infer(fromMagnitude:)`
/// guesses it from the size of a typical value, which is unambiguous for dates between
/// 1973 and 2286 (the ranges of the four units do not overlap there).
public enum EpochUnit: Int, Sendable, CaseIterable, CustomStringConvertible {
    case seconds = 0
    case milliseconds = 3
    case microseconds = 6
    case nanoseconds = 9

    /// How many of this unit make one second.
    @inlinable public var perSecond: Int64 {
        switch self {
        case .seconds: 1
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Digits after the decimal point when a time in this unit is printed exactly.
    @inlinable public var fractionDigits: Int { rawValue }

    public var description: String {
        switch self {
        case .seconds: "s"
        case .milliseconds: "ms"
        case .microseconds: "us"
        case .nanoseconds: "ns"
        }
    }

    /// Guesses the unit of an epoch count from its magnitude: below 1e11 seconds (until 5138),
    /// below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
    @inlinable public static func infer(fromMagnitude value: Int64) -> EpochUnit {
        let magnitude = value.magnitude
        if magnitude < 100_000_000_000 { return .seconds }
        if magnitude < 100_000_000_000_000 { return .milliseconds }
        if magnitude < 100_000_000_000_000_000 { return .microseconds }
        return .nanoseconds
    }

    /// Converts `value` from this unit into `target`, truncating toward negative infinity
    /// when the target is coarser (so that a time always falls in the bucket that contains it).
    /// Returns nil on overflow.
    @inlinable public func convert(_ value: Int64, to target: EpochUnit) -> Int64? {
        if target == self { return value }
        if target.rawValue > rawValue {
            let factor = target.perSecond / perSecond
            let (product, overflow) = value.multipliedReportingOverflow(by: factor)
            return overflow ? nil : product
        }
        return value.flooredDivision(by: perSecond / target.perSecond)
    }
}
