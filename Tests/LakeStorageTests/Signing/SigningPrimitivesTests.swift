import LakeStorage
import Testing

/// Digests, HMAC, encodings and dates against published vectors.
@Suite struct SigningPrimitivesTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func sha256(_ input: String, _ expected: String) {
        #expect(Hex.encode(Digest.sha256(Array(input.utf8))) == expected)
        let incremental = IncrementalDigest(.sha256)
        for byte in input.utf8 { incremental.update([byte]) }
        #expect(Hex.encode(incremental.finalize()) == expected)
    }

    @Test func md5() {
        #expect(Hex.encode(Digest.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
    }

    /// RFC 4231 test cases 1, 2 and 6 (key longer than the block size).
    @Test(arguments: [
        (String(repeating: "0b", count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func hmacSHA256(_ keyHex: String, _ message: String, _ expected: String) {
        let key = stride(from: 0, to: keyHex.count, by: 2).map { offset -> UInt8 in
            let start = keyHex.index(keyHex.startIndex, offsetBy: offset)
            return UInt8(keyHex[start..<keyHex.index(start, offsetBy: 2)], radix: 16)!
        }
        #expect(Hex.encode(HMACKey(key).authenticate(Array(message.utf8))) == expected)
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")])
    func base64(_ input: String, _ expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }

    @Test(arguments: [
        ("a b", false, "a%20b"), ("a/b", false, "a%2Fb"), ("a/b", true, "a/b"), ("-_.~", false, "-_.~"),
        ("+=%&$@", false, "%2B%3D%25%26%24%40"), ("é", false, "%C3%A9"), ("ሴ", true, "%E1%88%B4"),
    ])
    func uriEncoding(_ input: String, _ keepSlash: Bool, _ expected: String) {
        #expect((keepSlash ? URIEncoding.encodePath(input) : URIEncoding.encodeComponent(input)) == expected)
        #expect(URIEncoding.decode(expected) == input)
    }

    @Test func uriDecodingRejectsMalformedEscapes() {
        #expect(URIEncoding.decode("%G0") == nil)
        #expect(URIEncoding.decode("%4") == nil)
        #expect(URIEncoding.decode("%FF") == nil)
    }

    @Test(arguments: [
        (Int64(0), "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (4_107_542_399, "21000228T235959Z"), (-1, "19691231T235959Z"),
    ])
    func signingDate(_ seconds: Int64, _ expected: String) {
        let date = SigningDate(secondsSinceEpoch: seconds)
        #expect(date.amzDateString == expected)
        #expect(SigningDate(iso8601: date.iso8601) == date)
    }

    @Test func signingDateRejectsMalformedText() {
        #expect(SigningDate(iso8601: "2015-13-30T12:36:00Z") == nil)
        #expect(SigningDate(iso8601: "2015-08-30 12:36:00") == nil)
    }
}
