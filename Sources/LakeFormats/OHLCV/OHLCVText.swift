import Glibc
import LakeCore

/// Numbers and times written as text (CSV cells), parsed without allocating: the one parser
/// behind both ``OHLCVMapping`` (whole tables) and ``OHLCVCSVScanner`` (streamed files).
enum OHLCVText {
    /// A decimal or scientific number, with spaces and tabs around it ignored (as Swift's
    /// `Double(String)`, which also calls `strtod`: `nan`, `inf` and hex floats included).
    static func number(_ cell: ArraySlice<UInt8>) -> Double? {
        let text = trimmed(cell)
        guard !text.isEmpty else { return nil }
        guard text.count < 64 else { return Double(String(decoding: text, as: UTF8.self)) }
        // Copy into a terminated stack buffer: strtod needs a C string.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            var index = 0
            for byte in text {
                // strtod would skip other leading white space and stop at a NUL; Double(String) refuses both.
                guard byte > 0x20 || index > 0, byte != 0 else { return nil }
                buffer[index] = CChar(bitPattern: byte)
                index += 1
            }
            buffer[index] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, buffer.baseAddress!.distance(to: end) == index else { return nil }
            return value
        }
    }

    /// Epoch milliseconds of an integer epoch (unit inferred from its magnitude) or an RFC 3339
    /// time.
    static func time(_ cell: ArraySlice<UInt8>) -> Int64? {
        if let number = integer(cell) {
            return EpochUnit.infer(fromMagnitude: number).convert(number, to: .milliseconds) ?? 0
        }
        return cell.withUnsafeBytes { RFC3339.parse($0, unit: .milliseconds) }
    }

    /// Why `cell` is not a time.
    static func timeProblem(_ cell: ArraySlice<UInt8>) -> String {
        "'\(String(decoding: cell.prefix(40), as: UTF8.self))' is not an RFC 3339 time or epoch number"
    }

    /// Why `cell` is not a number.
    static func numberProblem(_ cell: ArraySlice<UInt8>) -> String {
        "'\(String(decoding: trimmed(cell).prefix(40), as: UTF8.self))' is not a number"
    }

    /// An optionally signed decimal integer that fits in Int64 (as `Int64(String)` accepts).
    private static func integer(_ cell: ArraySlice<UInt8>) -> Int64? {
        var digits = cell[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = next
        }
        return value
    }

    /// Without leading and trailing spaces and tabs.
    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = cell
        while let first = text.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
        while let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        return text
    }
}
