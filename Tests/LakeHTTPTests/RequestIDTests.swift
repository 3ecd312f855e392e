@testable import LakeHTTP
import Testing

/// Generated request ids: the process prefix and the counter in lowercase hex.
struct RequestIDTests {
    @Test(arguments: [
        (UInt32(0x1000_0000), UInt64(0), "10000000-0"),
        (0x8A95_17D8, 0xA_33DE, "8a9517d8-a33de"),
        (0xFFFF_FFFF, 0xF, "ffffffff-f"),
        (0xABCD_EF01, 0x10, "abcdef01-10"),
        (0x1234_5678, UInt64.max, "12345678-ffffffffffffffff"),
    ])
    func prefixDashCounterInHex(prefix: UInt32, number: UInt64, expected: String) {
        #expect(ServerContext.requestID(prefix: prefix, number: number) == expected)
    }

    @Test func agreesWithTheStandardLibraryOnRandomValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let prefix = UInt32.random(in: 0x1000_0000...UInt32.max, using: &generator)
            let number = UInt64.random(in: 0...(UInt64(1) << UInt64.random(in: 0...63, using: &generator)), using: &generator)
            #expect(ServerContext.requestID(prefix: prefix, number: number) == String(prefix, radix: 16) + "-" + String(number, radix: 16))
        }
    }

    /// A handler's logger names the request, and the API key once middleware has set it.
    @Test func handlerLoggersCarryTheRequestIDAndKeyID() {
        var context = RequestContext(requestID: "r-1", remoteAddress: "127.0.0.1:1", logger: Logger(label: "test", level: .critical))
        #expect(context.logger.metadata.map(\.0) == ["request_id"])
        context.keyID = "key_0123456789abcdef"
        #expect(context.logger.metadata.map(\.0) == ["request_id", "key_id"])
        #expect(context.logger.metadata.last?.1 == "key_0123456789abcdef")
    }
}
