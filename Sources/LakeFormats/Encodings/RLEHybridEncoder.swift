/// Encodes unsigned values of `bitWidth` bits with the RLE / bit-packed hybrid: runs of 8 or
/// more equal values become RLE runs, everything else groups of 8 bit-packed values.
enum RLEHybridEncoder {
    /// The encoding of `values` (no length prefix).
    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        var literalStart = 0
        var index = 0
        while index < values.count {
            var run = 1
            while index + run < values.count && values[index + run] == values[index] { run += 1 }
            // Literal groups hold multiples of 8: borrow the first values of the run to fill one.
            let padding = (8 - (index - literalStart) % 8) % 8
            if run >= 8 + padding {
                index += padding
                appendLiterals(values[literalStart..<index], bitWidth: bitWidth, to: &output)
                appendRun(values[index], count: run - padding, bitWidth: bitWidth, to: &output)
                index += run - padding
                literalStart = index
            } else {
                index += run
            }
        }
        appendLiterals(values[literalStart..<values.count], bitWidth: bitWidth, to: &output)
        return output
    }

    /// The smallest width that holds `maximum`.
    static func bitWidth(for maximum: UInt32) -> Int { maximum == 0 ? 0 : 32 - maximum.leadingZeroBitCount }

    private static func appendRun(_ value: UInt32, count: Int, bitWidth: Int, to output: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, to: &output)
        for byte in 0..<((bitWidth + 7) / 8) { output.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte)))) }
    }

    /// Bit-packs `values` in groups of 8, the last group padded with zeros.
    private static func appendLiterals(_ values: ArraySlice<UInt32>, bitWidth: Int, to output: inout [UInt8]) {
        guard !values.isEmpty else { return }
        let groups = (values.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, to: &output)
        var accumulator: UInt64 = 0
        var bits = 0
        for slot in 0..<(groups * 8) {
            let value = slot < values.count ? UInt64(values[values.startIndex + slot]) : 0
            accumulator |= value << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { output.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }
}
