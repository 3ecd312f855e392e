import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// Numbers as JSON text: shortest round-trip doubles (bit for bit, -0 included), integers,
/// and `null` for what JSON cannot hold.
@Suite struct JSONNumberWriterTests {
    static func text(_ value: Double) -> String {
        var output: [UInt8] = []
        JSONNumberWriter.append(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        (150.25, "150.25"), (0, "0"), (-0.0, "-0"), (-0.5, "-0.5"), (100_000, "100000"), (0.1 + 0.2, "0.30000000000000004"),
        (1e-7, "0.0000001"), (1e-8, "0.00000001"), (1.5e-9, "1.5e-09"), (3.5e-12, "3.5e-12"), (12.3456789, "12.3456789"),
        (1e21, "1e+21"), (Double.nan, "null"), (-Double.infinity, "null"), (43255.3, "43255.3"), (101.23, "101.23"),
        (123_456_789.123, "123456789.123"), (9_999_999.99999999, "9999999.99999999"), (10_000_000, "10000000"),
        (1e10, "10000000000"), (-9_007_199_254_740_992, "-9007199254740992"), (9_007_199_254_740_994, "9.007199254740994e+15"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (-Double.leastNonzeroMagnitude, "-5e-324"),
        (Double.leastNormalMagnitude, "2.2250738585072014e-308"), (100.0682, "100.0682"), (0.00001234, "0.00001234"),
    ])
    func doublesAreShortestRoundTrip(value: Double, expected: String) {
        #expect(Self.text(value) == expected)
    }

    /// Every finite value must read back bit for bit (so -0 stays -0), and be no longer than
    /// Swift's own shortest `description` allows for the decimal point written out.
    static func expectRoundTrip(_ value: Double) {
        let text = Self.text(value)
        #expect(Double(text)?.bitPattern == value.bitPattern, "\(value) wrote \(text)")
        #expect(text.utf8.count <= value.description.utf8.count + 7, "\(text) much longer than \(value.description)")
        #expect(text.utf8.count <= JSONNumberWriter.maxLength)
    }

    @Test(arguments: [
        0, -0.0, 1e-7, -1e-7, 1e21, 0.1 + 0.2, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown, 0x1.2p-1030, Double.greatestFiniteMagnitude,
        -Double.greatestFiniteMagnitude, 1, 2, 42, 9_999_999, 9_999_999.5, 10_000_000.5, 0x1p53, 0x1p53 + 2, 0x1p63, 1e15 + 0.3,
        0.05, 0.005, 1.0 / 3, 2.0 / 3, 123.456, 99.99999999, 99.999999999, 1e-5, 4.35, 0.1, 0.7,
    ])
    func trickyValuesRoundTrip(value: Double) {
        Self.expectRoundTrip(value)
    }

    /// Seeded random doubles over many magnitudes, raw and rounded to 2, 4 and 8 decimals
    /// (the shapes prices and volumes take), and random bit patterns (any double at all).
    @Test func randomDoublesRoundTrip() {
        var state: UInt64 = 99
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for _ in 0..<20_000 {
            let bits = next()
            let value = Double(bits >> 11) / Double(1 << 53) * pow(10, Double(Int(bits % 16) - 6)) * ((bits & 1) == 0 ? 1 : -1)
            for candidate in [value, (value * 100).rounded() / 100, (value * 10_000).rounded() / 10_000, (value * 1e8).rounded() / 1e8] {
                Self.expectRoundTrip(candidate)
            }
            let any = Double(bitPattern: next())
            if any.isFinite { Self.expectRoundTrip(any) }
        }
    }

    @Test(arguments: [
        (Int64(0), "0"), (7, "7"), (-7, "-7"), (99, "99"), (100, "100"), (1_700_000_000_000, "1700000000000"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"), (10_000_000_000_000_000, "10000000000000000"),
        (99_999_999, "99999999"), (100_000_000, "100000000"), (100_000_001, "100000001"), (10_000_000, "10000000"),
        (9_999_999_999_999_999, "9999999999999999"), (1_000_000_000_000_000_001, "1000000000000000001"),
    ])
    func integersAreWrittenInFull(value: Int64, expected: String) {
        var output: [UInt8] = []
        JSONNumberWriter.append(value, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }

    /// Every entry of the four-digit table, in every position of an eight-digit word.
    @Test func everyFourDigitGroupIsWrittenInEachPlace() {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONNumberWriter.maxLength)
        defer { buffer.deallocate() }
        for low in 0..<10_000 {
            for value in [Int64(low), Int64(low) * 10_000 + 1_234, Int64(low) * 100_000_000 + 42, 99_990_000 + Int64(low)] {
                let count = JSONNumberWriter.write(value, to: buffer)
                #expect(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self) == String(value))
            }
        }
    }

    @Test func randomIntegersOfEveryLengthAreWrittenAsSwiftWritesThem() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            // A random magnitude first, so that every digit count is as likely as any other.
            let bits = Int.random(in: 0...63, using: &generator)
            let magnitude = Int64(bitPattern: generator.next() >> UInt64(64 - bits) & UInt64(Int64.max))
            let value = Bool.random(using: &generator) ? magnitude : -magnitude
            var output: [UInt8] = []
            JSONNumberWriter.append(value, to: &output)
            #expect(String(decoding: output, as: UTF8.self) == String(value))
        }
    }

    /// Decimals of up to eight places below 10^7 (every price and most volumes) print exactly
    /// as written, trailing zeros dropped: with at most 15 significant digits no shorter
    /// decimal names the same double.
    @Test func shortDecimalsPrintAsWritten() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<50_000 {
            let places = Int.random(in: 0...8, using: &generator)
            let scaled = Int64.random(in: 0..<10_000_000 * Int64(pow(10, Double(places))), using: &generator)
            var digits = String(scaled)
            if places > 0 {
                digits = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
                while digits.hasSuffix("0") { digits.removeLast() }
                if digits.hasSuffix(".") { digits.removeLast() }
            }
            let value = Double(scaled) / pow(10, Double(places))
            #expect(Self.text(value) == digits, "\(scaled) / 10^\(places)")
            #expect(Self.text(-value) == (scaled == 0 ? "-0" : "-" + digits))
        }
    }

    /// Writes fill whole words, so they may touch bytes past the count they return, but never
    /// a byte at or past ``JSONNumberWriter/maxLength``.
    @Test func writesStayWithinMaxLength() {
        let guardBytes = 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONNumberWriter.maxLength + guardBytes)
        defer { buffer.deallocate() }
        var generator = SplitMix64(seed: 12)
        func expectGuardIntact(_ write: (UnsafeMutablePointer<UInt8>) -> Int) {
            buffer.initialize(repeating: 0xEE, count: JSONNumberWriter.maxLength + guardBytes)
            let count = write(buffer)
            #expect(count <= JSONNumberWriter.maxLength)
            #expect((JSONNumberWriter.maxLength..<JSONNumberWriter.maxLength + guardBytes).allSatisfy { buffer[$0] == 0xEE })
        }
        let doubles: [Double] = [-9_999_999.99999999, -Double.greatestFiniteMagnitude, -Double.leastNonzeroMagnitude, -0x1p53, -.infinity, -1e21]
        for value in doubles { expectGuardIntact { JSONNumberWriter.write(value, to: $0) } }
        for value in [Int64.min, Int64.max, -1_000_000_000_000_000_000, -9_999_999_999_999_999] {
            expectGuardIntact { JSONNumberWriter.write(value, to: $0) }
        }
        for _ in 0..<10_000 {
            expectGuardIntact { JSONNumberWriter.write(Double(bitPattern: generator.next()), to: $0) }
            expectGuardIntact { JSONNumberWriter.write(Int64(bitPattern: generator.next()), to: $0) }
        }
    }

    @Test func writesInPlaceAndReportsTheCount() {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * JSONNumberWriter.maxLength)
        defer { buffer.deallocate() }
        let first = JSONNumberWriter.write(-101.25, to: buffer)
        let second = JSONNumberWriter.write(Int64(1_234), to: buffer + first)
        #expect(String(decoding: UnsafeBufferPointer(start: buffer, count: first + second), as: UTF8.self) == "-101.251234")
    }
}
