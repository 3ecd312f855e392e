/// What a resample emits for a bucket that holds no data, between the first and the last bar
/// that do (pandas `resample().agg()` semantics: no bars before the first or after the last).
public enum FillPolicy: String, Sendable, Hashable, CaseIterable {
    /// No bar for an empty bucket (the default, as the design asks).
    case none
    /// A flat bar at the previous close: open = high = low = close, volume 0.
    case previous = "prev"
    /// A bar with missing (NaN, written as `null`) prices and volume 0.
    case null
}
