import Testing
@testable import LakeHTTP

/// Header lists: setting by name replaces every field of that name, case-insensitively.
@Suite struct HTTPHeadersTests {
    @Test(arguments: [
        // (fields before, name set, value, fields after)
        ([], "X-Request-ID", "r1", ["X-Request-ID: r1"]),
        (["A: 1"], "X-Request-ID", "r1", ["A: 1", "X-Request-ID: r1"]),
        (["x-request-id: old", "A: 1"], "X-Request-ID", "r1", ["x-request-id: r1", "A: 1"]),
        (["V: 1", "A: 1", "v: 2", "v: 1"], "V", "3", ["V: 3", "A: 1"]),
        (["V: 1", "A: 1", "v: 2"], "v", nil, ["A: 1"]),
        (["A: 1"], "V", nil, ["A: 1"]),
    ] as [([String], String, String?, [String])])
    func settingAFieldReplacesEveryFieldOfThatName(before: [String], name: String, value: String?, after: [String]) {
        var headers = HTTPHeaders(before.map { field in
            let parts = field.split(separator: ":", maxSplits: 1)
            return (name: String(parts[0]), value: String(parts[1].dropFirst()))
        })
        headers[name] = value
        #expect(headers.map { "\($0.name): \($0.value)" } == after)
    }
}
