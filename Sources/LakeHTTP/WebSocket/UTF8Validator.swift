/// Incremental UTF-8 validation (RFC 3629) that fails on the first byte that can no longer
/// be part of valid text — across fragment boundaries, as RFC 6455 §8.1 asks.
struct UTF8Validator: Sendable {
    /// Continuation bytes still expected by the current sequence.
    private var needed = 0
    /// Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Whether the text so far ends on a character boundary.
    var isComplete: Bool { needed == 0 }

    /// Validates the next bytes; false as soon as they cannot be valid UTF-8.
    mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if needed == 0 {
                // ASCII fast path: 8 bytes at a time.
                while index + 8 <= count && bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { return true }
                let lead = bytes[index]
                index += 1
                switch lead {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: needed = 1; lower = 0x80; upper = 0xBF
                case 0xE0: needed = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2; lower = 0x80; upper = 0xBF
                case 0xED: needed = 2; lower = 0x80; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: needed = 3; lower = 0x80; upper = 0xBF
                case 0xF4: needed = 3; lower = 0x80; upper = 0x8F
                default: return false
                }
                continue
            }
            guard byte >= lower && byte <= upper else { return false }
            lower = 0x80
            upper = 0xBF
            needed -= 1
            index += 1
        }
        return true
    }

    /// Convenience for whole byte arrays (close reasons).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return bytes.withUnsafeBytes { validator.validate($0) } && validator.isComplete
    }
}
