@testable import LakeServer
import Testing

@Suite struct RangeHeaderTests {
    @Test(arguments: [
        (nil, 100, ObjectStreamer.RangeRequest.whole),
        ("bytes=0-9", 100, .bytes(0, 9)),
        ("bytes=90-", 100, .bytes(90, 99)),
        ("bytes=90-500", 100, .bytes(90, 99)),
        ("bytes=-10", 100, .bytes(90, 99)),
        ("bytes=-500", 100, .bytes(0, 99)),
        ("bytes=100-", 100, .unsatisfiable),
        ("bytes=-0", 100, .unsatisfiable),
        ("bytes=0-", 0, .unsatisfiable),
        ("bytes=5-2", 100, .whole),
        ("bytes=0-1,5-6", 100, .whole),
        ("items=0-1", 100, .whole),
        ("bytes=x-1", 100, .whole),
        ("bytes=7", 100, .whole),
    ] as [(String?, Int64, ObjectStreamer.RangeRequest)])
    func rangeHeadersFollowRFC9110(header: String?, size: Int64, expected: ObjectStreamer.RangeRequest) {
        #expect(ObjectStreamer.parseRange(header, size: size) == expected)
    }
}
