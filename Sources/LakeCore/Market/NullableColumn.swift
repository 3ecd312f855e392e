/// A column of values where some rows may be missing: `values` has one slot per row
/// (a missing row holds an unspecified placeholder) and `validity`, when present, says
/// which rows hold a value. `validity == nil` means every row is present, which keeps the
/// common case free of a second array.
public struct NullableColumn<Value: Sendable & Hashable>: Sendable, Hashable {
    /// One slot per row.
    public var values: [Value]
    /// `validity[i]` is false when row `i` is missing; nil when no row is missing.
    public var validity: [Bool]?

    /// A column from its values and optional validity (same count).
    public init(values: [Value], validity: [Bool]? = nil) {
        precondition(validity == nil || validity!.count == values.count, "validity must match values")
        self.values = values
        self.validity = validity
    }

    /// A column from optionals, with `placeholder` in the slots of missing rows.
    public init(_ optionals: [Value?], placeholder: Value) {
        values = optionals.map { $0 ?? placeholder }
        validity = optionals.contains(where: { $0 == nil }) ? optionals.map { $0 != nil } : nil
    }

    /// Number of rows.
    @inlinable public var count: Int { values.count }

    /// The value of row `index`, nil when it is missing.
    @inlinable public subscript(index: Int) -> Value? {
        if let validity, !validity[index] { return nil }
        return values[index]
    }

    /// Appends one row.
    public mutating func append(_ value: Value?, placeholder: Value) {
        if let value {
            values.append(value)
            validity?.append(true)
        } else {
            if validity == nil { validity = Array(repeating: true, count: values.count) }
            values.append(placeholder)
            validity!.append(false)
        }
    }
}
