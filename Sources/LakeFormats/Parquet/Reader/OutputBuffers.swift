/// Allocates the output arrays of a read (uninitialised, huge-page advised) and runs a body
/// with stable pointers to all of them at once, so that every (row group, column) job can
/// run in one parallel pool instead of column by column.
///
/// Arrays hand out their storage only inside a closure; nesting one closure per array keeps
/// every pointer valid while the body runs, and returns the finished arrays afterwards.
enum OutputBuffers {
    /// The element type of one buffer.
    enum Kind {
        case bool, int32, int64, int96, float, double
        /// Validity flags, initialised to `true` (pages without nulls never touch them).
        case validity
    }

    /// A finished buffer.
    enum Filled {
        case bool([Bool]), int32([Int32]), int64([Int64]), int96([Int96]), float([Float]), double([Double])
    }

    /// Allocates one buffer of `count` elements per kind, runs `body` with their base
    /// addresses (same order), and returns the arrays. The body must write every element of
    /// every non-validity buffer before returning normally.
    static func with(_ kinds: [Kind], count: Int,
                     _ body: ([UnsafeMutableRawPointer]) throws(ParquetError) -> Void) throws(ParquetError) -> [Filled] {
        try nest(kinds[...], count: count, pointers: [], body)
    }

    private static func nest(_ kinds: ArraySlice<Kind>, count: Int, pointers: [UnsafeMutableRawPointer],
                             _ body: ([UnsafeMutableRawPointer]) throws(ParquetError) -> Void) throws(ParquetError) -> [Filled] {
        guard let kind = kinds.first else {
            try body(pointers)
            return []
        }
        let rest = kinds.dropFirst()
        func level<T>(_ type: T.Type, fill: T?, wrap: ([T]) -> Filled) throws(ParquetError) -> [Filled] {
            var inner: [Filled] = []
            var failure: ParquetError?
            let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let fill { buffer.initialize(repeating: fill) } else { HugePages.advise(UnsafeMutableRawBufferPointer(buffer)) }
                // An empty buffer has no address; nothing is ever written through this one.
                let base = buffer.baseAddress.map(UnsafeMutableRawPointer.init) ?? UnsafeMutableRawPointer(bitPattern: 64)!
                do throws(ParquetError) {
                    inner = try nest(rest, count: count, pointers: pointers + [base], body)
                    initialized = count
                } catch {
                    // T is a trivial type: abandoning uninitialised elements leaks nothing.
                    failure = error
                    initialized = fill == nil ? 0 : count
                }
            }
            if let failure { throw failure }
            return [wrap(array)] + inner
        }
        switch kind {
        case .bool: return try level(Bool.self, fill: nil) { .bool($0) }
        case .validity: return try level(Bool.self, fill: true) { .bool($0) }
        case .int32: return try level(Int32.self, fill: nil) { .int32($0) }
        case .int64: return try level(Int64.self, fill: nil) { .int64($0) }
        case .int96: return try level(Int96.self, fill: nil) { .int96($0) }
        case .float: return try level(Float.self, fill: nil) { .float($0) }
        case .double: return try level(Double.self, fill: nil) { .double($0) }
        }
    }
}
