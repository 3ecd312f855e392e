import Foundation
import LakeStorage
import LakeTestSupport
import Testing

/// One case directory of the AWS SigV4 test suite (`testdata/sigv4/NAME`): the raw
/// request, its context.json, and the expected texts for header and query signing.
struct SigV4SuiteCase {
    static let root = TestEnvironment.testData("sigv4")

    /// Every case directory name, sorted.
    static let names: [String] = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("context.json").path) }.sorted()
    }()

    let name: String
    let request: SigV4Request
    let body: [UInt8]
    let credentials: AWSCredentials
    let region: String
    let service: String
    let date: SigningDate
    let expires: Int
    let normalize: Bool
    let signBody: Bool
    let omitSessionToken: Bool

    init(_ name: String) throws {
        self.name = name
        let context = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent("context.json"))) as? [String: Any])
        let credentials = try #require(context["credentials"] as? [String: Any])
        self.credentials = AWSCredentials(accessKeyID: try #require(credentials["access_key_id"] as? String),
                                          secretAccessKey: try #require(credentials["secret_access_key"] as? String),
                                          sessionToken: credentials["token"] as? String)
        region = try #require(context["region"] as? String)
        service = try #require(context["service"] as? String)
        let timestamp = try #require(context["timestamp"] as? String)
        date = try #require(SigningDate(iso8601: timestamp))
        expires = try #require(context["expiration_in_seconds"] as? Int)
        normalize = context["normalize"] as? Bool ?? true
        signBody = context["sign_body"] as? Bool ?? false
        omitSessionToken = context["omit_session_token"] as? Bool ?? false
        (request, body) = try Self.parseRequest(Array(Data(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent("request.txt"))))
    }

    /// The expected content of one of the case's files.
    func expected(_ file: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
    }

    /// Parses `METHOD PATH HTTP/1.1`, `Name:value` lines (indented lines continue the
    /// previous value), a blank line and the body.
    static func parseRequest(_ bytes: [UInt8]) throws -> (SigV4Request, [UInt8]) {
        var lines: [String] = []
        var start = 0
        var bodyStart = bytes.count
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0a {
                let line = String(decoding: bytes[start..<index], as: UTF8.self)
                start = index + 1
                if line.isEmpty && !lines.isEmpty { bodyStart = start; break }
                lines.append(line)
            }
            index += 1
        }
        if index == bytes.count && start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        let requestLine = try #require(lines.first)
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        var query: [(name: String, value: String)] = []
        if pathEnd < target.endIndex {
            for pair in target[target.index(after: pathEnd)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try #require(URIEncoding.decode(parts[0]))
                let value = try #require(URIEncoding.decode(parts.count > 1 ? parts[1] : ""))
                query.append((name, value))
            }
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                headers[headers.count - 1].value += " " + line
            } else {
                let colon = try #require(line.firstIndex(of: ":"))
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? ""
        let request = SigV4Request(method: method, host: host, path: String(target[..<pathEnd]), query: query, headers: headers)
        return (request, bodyStart < bytes.count ? Array(bytes[bodyStart...]) : [])
    }
}
