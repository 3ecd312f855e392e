import LakeTestSupport
import Testing
@testable import LakeHTTP

/// Address and CIDR parsing for `ALLOWED_IPS` / `TRUSTED_PROXIES` and the peer of a request:
/// strict (no octal-looking zeros, no host bits past the prefix, no empty list items).
@Suite struct IPNetworkTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::1", "::1"), ("::", "::"), ("2001:db8::1", "2001:db8::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("1::", "1::"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("::ffff:1.2.3.4", "1.2.3.4"), ("::FFFF:7f00:1", "127.0.0.1"), ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ])
    func addressesParseToTheirCanonicalSpelling(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test(arguments: ["", " 1.2.3.4", "1.2.3.4 ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3",
                      "1.2.3.", "a.b.c.d", ":::", "1:::2", "1::2::3", ":1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                      "12345::1", "1:", "::1%eth0", "[::1]", "1:2:3:4:5:6:7:1.2.3.4", "::g", "1.2.3.4::", "::1.2.3"])
    func malformedAddressesAreRefused(text: String) {
        #expect(IPAddress(text) == nil, "accepted '\(text)'")
    }

    @Test(arguments: [("127.0.0.1:53211", "127.0.0.1"), ("[::1]:8080", "::1"), ("[::ffff:10.1.2.3]:1", "10.1.2.3")])
    func peerAddressesDropThePort(peer: String, address: String) {
        #expect(IPAddress(peer: peer)?.description == address)
    }

    /// Every address prints in a form that parses back to it — with zero runs placed everywhere,
    /// as random bits alone would almost never make them.
    @Test func printedAddressesParseBackToThemselves() throws {
        var random = SplitMix64(seed: 6)
        for _ in 0..<20_000 {
            var bits = UInt128(random.next()) << 64 | UInt128(random.next())
            for _ in 0..<Int(random.next() % 4) {
                let group = Int(random.next() % 8), length = Int(random.next() % 4) + 1
                for index in group..<min(8, group + length) { bits &= ~(UInt128(0xffff) << (112 - 16 * index)) }
            }
            if random.next() % 8 == 0 { bits = 0xffff_0000_0000 | bits & 0xffff_ffff }
            let address = IPAddress(bits: bits)
            #expect(IPAddress(address.description) == address, "\(address)")
        }
    }

    /// Random text over the characters addresses are made of: an answer or nil, never a crash,
    /// and what is accepted prints back to an equal address.
    @Test func arbitraryTextNeverCrashesTheParser() {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("0123456789abcdefABCDEF:.:/[]% ".utf8)
        for _ in 0..<50_000 {
            let text = String(decoding: (0..<Int(random.next() % 24)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] },
                              as: UTF8.self)
            if let address = IPAddress(text) { #expect(IPAddress(address.description) == address, "'\(text)'") }
            _ = try? IPNetworkList(parsing: text)
        }
    }

    @Test(arguments: ["127.0.0.1", "[::1]", "::1]:80", "[::1:80", "local:80", ""])
    func peersThatAreNotAddressesGiveNil(peer: String) {
        #expect(IPAddress(peer: peer) == nil)
    }

    /// The range, an address inside, one outside.
    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", "11.0.0.0"), ("192.168.1.7", "192.168.1.7", "192.168.1.8"),
        ("0.0.0.0/0", "8.8.8.8", "::1"), ("::/0", "::1", nil), ("2001:db8::/32", "2001:db8:ffff::1", "2001:db9::"),
        ("::ffff:10.0.0.0/104", "10.9.9.9", "11.0.0.1"), ("::1/128", "::1", "::2"), ("172.16.0.0/12", "172.31.255.255", "172.32.0.0"),
    ] as [(String, String, String?)])
    func rangesContainTheirMembersOnly(range: String, inside: String, outside: String?) throws {
        let network = try IPNetwork(parsing: range)
        #expect(network.contains(try #require(IPAddress(inside))))
        if let outside { #expect(!network.contains(try #require(IPAddress(outside)))) }
    }

    /// IPv4 ranges match IPv4 peers also as a dual-stack listener reports them.
    @Test func ipv4RangesMatchMappedPeers() throws {
        let network = try IPNetwork(parsing: "10.0.0.0/8")
        #expect(network.contains(try #require(IPAddress(peer: "[::ffff:10.1.2.3]:4000"))))
        #expect(network.description == "10.0.0.0/8")
    }

    @Test(arguments: [
        ("10.0.0.0/33", "prefix length"), ("::/129", "prefix length"), ("10.0.0.0/", "prefix length"), ("10.0.0.0/-1", "prefix length"),
        ("10.0.0.0/08", "prefix length"), ("10.0.0.0/ 8", "prefix length"), ("10.0.0.0/8/8", "prefix length"),
        ("10.0.0.1/8", "did you mean 10.0.0.0/8"), ("2001:db8::1/32", "did you mean 2001:db8::/32"),
        ("1.2.3", "not an IPv4 or IPv6 address"), ("/8", "not an IPv4 or IPv6 address"), ("example.com", "not an IPv4 or IPv6 address"),
    ])
    func badRangesSayWhatIsWrong(text: String, problem: String) {
        #expect {
            try IPNetwork(parsing: text)
        } throws: { error in
            "\(error)".contains(problem) && "\(error)".contains(text)
        }
    }

    @Test(arguments: [
        ("10.0.0.0/8", ["10.0.0.0/8"]), (" 10.0.0.0/8 , ::1,192.168.0.1 ", ["10.0.0.0/8", "::1/128", "192.168.0.1/32"]),
        ("\t::ffff:1.2.3.4", ["1.2.3.4/32"]),
    ])
    func listsParseWithSpacesAroundItems(text: String, expected: [String]) throws {
        #expect(try IPNetworkList(parsing: text).networks.map(\.description) == expected)
    }

    @Test(arguments: ["", " ", "10.0.0.0/8,", ",10.0.0.0/8", "10.0.0.0/8,,::1", "10.0.0.0/8, ,::1", "10.0.0.0/8;::1", "1.2.3.4 5.6.7.8"])
    func listsWithEmptyOrBadItemsAreRefused(text: String) {
        #expect(throws: IPNetworkError.self) { try IPNetworkList(parsing: text) }
    }
}
