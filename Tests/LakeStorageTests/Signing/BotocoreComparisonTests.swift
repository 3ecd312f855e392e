import Foundation
@testable import LakeStorage
import LakeTestSupport
import Testing

/// Presigned URLs, POST policies and header signatures compared byte for byte with
/// botocore's S3 signer at a frozen clock, over 240 generated keys.
@Suite struct BotocoreComparisonTests {
    static let timestamp: Int64 = 1_767_323_045  // 2026-01-02T03:04:05Z
    static let date = SigningDate(secondsSinceEpoch: timestamp)
    static let keyCount = 240

    struct Setup {
        let endpoint: String
        let style: S3AddressingStyle
        let region: String
        let credentials: AWSCredentials

        var configuration: S3Configuration {
            S3Configuration(endpoint: S3Endpoint(endpoint), region: region, addressingStyle: style)
        }

        func json(kind: String) -> [String: Any] {
            var json: [String: Any] = ["kind": kind, "endpoint": endpoint, "style": style.rawValue, "region": region,
                                       "accessKey": credentials.accessKeyID, "secretKey": credentials.secretAccessKey]
            if let token = credentials.sessionToken { json["token"] = token }
            return json
        }
    }

    static let setups = [
        Setup(endpoint: "http://127.0.0.1:4566", style: .path, region: "us-east-1",
              credentials: AWSCredentials(accessKeyID: "test", secretAccessKey: "test")),
        Setup(endpoint: "https://s3.eu-west-1.amazonaws.com", style: .virtual, region: "eu-west-1",
              credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
        Setup(endpoint: "https://s3.ap-south-1.amazonaws.com", style: .path, region: "ap-south-1",
              credentials: AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret/with+chars=",
                                          sessionToken: "FwoGZXIvYXdzE+token/with=chars&more")),
    ]

    static func keys() -> [String] {
        var generator = BotocoreKeyGenerator(seed: 0xC0FFEE)
        let fixed = ["plain.parquet", "a b", "a+b=c", "100%", "~user", "x&y$z@w", "deep/" + String(repeating: "d/", count: 40) + "end",
                     "trailing/", "/leading", "dir//double", "uploads/${filename}", "ünïcödé/日本語/🚀.csv"]
        return fixed + (fixed.count..<keyCount).map { _ in generator.key() }
    }

    @Test func presignedURLsMatchBotocore() throws {
        let keys = Self.keys()
        var cases: [[String: Any]] = []
        var ours: [String] = []
        for (index, key) in keys.enumerated() {
            let setup = Self.setups[index % Self.setups.count]
            let method = PresignMethod.allCases[index % PresignMethod.allCases.count]
            let expires = [1, 60, 3600, 86_400, 604_800][index % 5]
            let bucket = index % 7 == 0 ? "bucket.with.dots" : "candlelake-test"
            var json = setup.json(kind: "url")
            json["method"] = method.rawValue
            json["bucket"] = bucket
            json["key"] = key
            json["expires"] = expires
            cases.append(json)
            ours.append(try S3Presigner(configuration: setup.configuration).presignedURL(
                method: method, bucket: bucket, key: key, expires: expires, credentials: setup.credentials, date: Self.date))
        }
        let answers = try BotocoreOracle.answers(for: cases, timestamp: Self.timestamp)
        var mismatches = 0
        for (index, answer) in answers.enumerated() where answer["url"] as? String != ours[index] {
            mismatches += 1
            if mismatches <= 3 { Issue.record("key \(keys[index].debugDescription):\n ours     \(ours[index])\n botocore \(answer["url"] ?? "nil")") }
        }
        #expect(mismatches == 0)
        #expect(answers.count >= 200)
    }

    static func postPolicy(index: Int, key: String) -> S3PostPolicy {
        var policy = S3PostPolicy(bucket: "candlelake-test", key: key)
        switch index % 4 {
        case 0:
            policy.conditions = [.contentLengthRange(1, 10 << 20)]
        case 1:
            policy.fields = [("Content-Type", "text/csv; charset=utf-8")]
            policy.conditions = [.equals(field: "Content-Type", value: "text/csv; charset=utf-8"), .contentLengthRange(0, 5)]
        case 2:
            policy.fields = [("x-amz-meta-owner", "ünï \"quoted\" \\ \(key)")]
            policy.conditions = [.startsWith(field: "x-amz-meta-owner", prefix: "ün"), .startsWith(field: "Content-Type", prefix: "")]
        default:
            break
        }
        return policy
    }

    @Test func presignedPostsMatchBotocore() throws {
        let keys = Self.keys()
        var cases: [[String: Any]] = []
        var ours: [PresignedPost] = []
        for (index, key) in keys.enumerated() {
            let setup = Self.setups[index % Self.setups.count]
            let policy = Self.postPolicy(index: index, key: key)
            let expires = [1, 600, 604_800][index % 3]
            var json = setup.json(kind: "post")
            json["bucket"] = policy.bucket
            json["key"] = key
            json["expires"] = expires
            json["fields"] = policy.fields.map { [$0.name, $0.value] }
            json["conditions"] = policy.conditions.map { condition -> [Any] in
                switch condition {
                case .equals(let field, let value): ["eq", field, value]
                case .startsWith(let field, let prefix): ["starts-with", field, prefix]
                case .contentLengthRange(let low, let high): ["range", low, high]
                }
            }
            cases.append(json)
            ours.append(try S3Presigner(configuration: setup.configuration).presignedPost(
                policy, expires: expires, credentials: setup.credentials, date: Self.date))
        }
        let answers = try BotocoreOracle.answers(for: cases, timestamp: Self.timestamp)
        for (index, answer) in answers.enumerated() {
            let setup = Self.setups[index % Self.setups.count]
            let theirs = try #require(answer["fields"] as? [[String]]).map { ($0[0], $0[1]) }
            #expect(answer["url"] as? String == ours[index].url)
            #expect(theirs.map(\.0) == ours[index].fields.map(\.name), "field order for key \(keys[index].debugDescription)")
            // The policy JSON must mean the same (expiration and conditions in order)...
            let theirPolicy = try #require(theirs.first { $0.0 == "policy" }?.1)
            let ourPolicy = try #require(ours[index].field("policy"))
            #expect(try Self.decodedPolicy(theirPolicy) == Self.decodedPolicy(ourPolicy))
            // ...and our signature over botocore's policy must equal botocore's.
            let signer = SigV4Signer(credentials: setup.credentials, region: setup.region)
            let signature = String(decoding: signer.sign(Array(theirPolicy.utf8), date: Self.date), as: UTF8.self)
            #expect(signature == theirs.first { $0.0 == "x-amz-signature" }?.1)
            // We also serialise exactly like json.dumps, so the whole form is identical.
            #expect(theirs.map { "\($0.0)=\($0.1)" } == ours[index].fields.map { "\($0.name)=\($0.value)" })
        }
    }

    static func decodedPolicy(_ base64: String) throws -> NSDictionary {
        let data = try #require(Data(base64Encoded: base64))
        return try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func headerSignaturesMatchBotocore() throws {
        let keys = Self.keys()
        let methods = ["GET", "PUT", "HEAD", "DELETE", "POST"]
        var cases: [[String: Any]] = []
        var ours: [SigV4HeaderSignature] = []
        for (index, key) in keys.enumerated() {
            let setup = Self.setups[0]
            let credentials = index % 2 == 0 ? setup.credentials
                : AWSCredentials(accessKeyID: "ASIA", secretAccessKey: "s", sessionToken: "tok/en+\(index)")
            let method = methods[index % methods.count]
            let body = method == "PUT" || method == "POST" ? "body \(index) \(key)" : ""
            var headers: [(name: String, value: String)] = []
            if index % 3 == 0 { headers.append(("Content-Type", "application/octet-stream")) }
            if index % 4 == 0 { headers.append(("x-amz-meta-note", "  spaced   out  \(index) ")) }
            if method == "GET", index % 5 == 0 { headers.append(("Range", "bytes=0-\(index)")) }
            if method == "PUT" { headers.append(("Content-MD5", Base64.encode(Digest.md5(Array(body.utf8))))) }
            var query: [(name: String, value: String)] = []
            if index % 3 == 1 {
                query = [("list-type", "2"), ("prefix", key), ("delimiter", "/"), ("encoding-type", "url"),
                         ("continuation-token", "tok+\(index)/=="), ("prefix", "a")]
            }
            var json = Setup(endpoint: setup.endpoint, style: .path, region: setup.region, credentials: credentials).json(kind: "header")
            json["method"] = method
            json["bucket"] = "candlelake-test"
            json["key"] = key
            json["headers"] = headers.map { [$0.name, $0.value] }
            json["query"] = query.map { [$0.name, $0.value] }
            json["body"] = body
            cases.append(json)
            let location = S3Location(endpoint: S3Endpoint(setup.endpoint)!, style: .path, bucket: "candlelake-test", key: key)
            let signer = SigV4Signer(credentials: credentials, region: setup.region)
            ours.append(signer.signHeaders(SigV4Request(method: method, host: location.authority, path: location.path,
                                                        query: query, headers: headers),
                                           payload: .hashing(Array(body.utf8)), date: Self.date))
        }
        let answers = try BotocoreOracle.answers(for: cases, timestamp: Self.timestamp)
        for (index, answer) in answers.enumerated() {
            let headers = Dictionary(ours[index].headers.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            #expect(answer["authorization"] as? String == headers["Authorization"], "key \(keys[index].debugDescription)")
            #expect(answer["contentSHA256"] as? String == headers["X-Amz-Content-SHA256"])
            #expect(answer["date"] as? String == headers["X-Amz-Date"])
        }
    }
}
