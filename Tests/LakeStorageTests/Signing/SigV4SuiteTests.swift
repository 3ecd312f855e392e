import Foundation
import LakeStorage
import Testing

/// Every case of the AWS SigV4 test suite (aws-c-auth), header and query variants,
/// compared byte for byte: canonical request, string to sign, signature, Authorization.
@Suite struct SigV4SuiteTests {
    @Test func suiteIsPresent() {
        #expect(SigV4SuiteCase.names.count >= 35, "sigv4 test data missing at \(SigV4SuiteCase.root.path)")
    }

    private func signer(for suiteCase: SigV4SuiteCase, signsContentHashHeader: Bool) -> SigV4Signer {
        SigV4Signer(credentials: suiteCase.credentials, region: suiteCase.region, service: suiteCase.service,
                    options: SigV4Options(normalizePath: suiteCase.normalize, signsContentHashHeader: signsContentHashHeader,
                                          signsSessionToken: !suiteCase.omitSessionToken),
                    keyCache: SigningKeyCache())
    }

    @Test(arguments: SigV4SuiteCase.names)
    func headerSigning(_ name: String) throws {
        let suiteCase = try SigV4SuiteCase(name)
        let signer = signer(for: suiteCase, signsContentHashHeader: suiteCase.signBody)
        let signed = signer.signHeaders(suiteCase.request, payload: .hashing(suiteCase.body), date: suiteCase.date)
        #expect(signed.canonicalRequest == (try suiteCase.expected("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try suiteCase.expected("header-string-to-sign.txt")))
        #expect(signed.signature == (try suiteCase.expected("header-signature.txt")))
        let signedRequest = try suiteCase.expected("header-signed-request.txt")
        let authorization = try #require(signedRequest.split(separator: "\n").first { $0.hasPrefix("Authorization:") })
        #expect("Authorization:" + signed.authorization == authorization)
        if let token = suiteCase.credentials.sessionToken {
            #expect(signed.headers.contains { $0.name == "X-Amz-Security-Token" && $0.value == token })
        }
    }

    @Test(arguments: SigV4SuiteCase.names)
    func querySigning(_ name: String) throws {
        let suiteCase = try SigV4SuiteCase(name)
        let signer = signer(for: suiteCase, signsContentHashHeader: false)
        let signed = try signer.presignQuery(suiteCase.request, expires: suiteCase.expires,
                                             payload: .hashing(suiteCase.body), date: suiteCase.date)
        #expect(signed.canonicalRequest == (try suiteCase.expected("query-canonical-request.txt")))
        #expect(signed.stringToSign == (try suiteCase.expected("query-string-to-sign.txt")))
        #expect(signed.signature == (try suiteCase.expected("query-signature.txt")))
        // The suite's signed request carries the same parameters (in another order, and
        // with UTF-8 left raw), so compare decoded.
        let signedLine = try #require(try suiteCase.expected("query-signed-request.txt").split(separator: "\n").first)
        let expectedQuery = try #require(signedLine.split(separator: "?", maxSplits: 1).last?.split(separator: " ").first)
        #expect(Set(signed.query.split(separator: "&").map { URIEncoding.decode($0) })
                == Set(expectedQuery.split(separator: "&").map { URIEncoding.decode($0) }))
    }

    @Test(arguments: [0, -1, 604_801])
    func presignRejectsExpiryOutsideOneSecondToSevenDays(_ expires: Int) {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S"), region: "us-east-1")
        #expect(throws: SigV4Error.invalidExpiry(expires)) {
            try signer.presignQuery(SigV4Request(method: "GET", host: "h", path: "/k"), expires: expires, date: SigningDate(secondsSinceEpoch: 0))
        }
    }
}
