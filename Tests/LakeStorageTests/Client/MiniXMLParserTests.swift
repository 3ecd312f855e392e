@testable import LakeStorage
import Testing

/// The bounded XML parser on S3 shapes and on malformed input.
@Suite struct MiniXMLParserTests {
    @Test func parsesAListingWithEntitiesCDATAAndAttributes() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- comment -->
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name><IsTruncated>false</IsTruncated>
              <Contents><Key>a &amp; b &lt;c&gt; &#233;&#x1F680;</Key><Size>12</Size><ETag>&quot;abc&quot;</ETag></Contents>
              <Contents><Key><![CDATA[x<y]]></Key><Size>0</Size></Contents>
              <CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes>
              <Empty/>
            </ListBucketResult>
            """
        let root = try MiniXMLParser().parse(Array(xml.utf8))
        #expect(root.name == "ListBucketResult")
        let contents = root.children(named: "Contents")
        #expect(contents.map { $0.value("Key") } == ["a & b <c> é🚀", "x<y"])
        #expect(contents.first?.value("ETag") == "\"abc\"")
        #expect(root.child("CommonPrefixes")?.value("Prefix") == "p/")
        #expect(root.child("Empty")?.text == "")
    }

    @Test(arguments: [
        "", "<a>", "<a></b>", "<a><b></a></b>", "text<a/>", "<a/><b/>", "<a>&bogus;</a>", "<a>&#xZZ;</a>",
        "<a>&amp</a>", "<!-- unterminated", "<a><![CDATA[x</a>", "< >", "<a>&#1114112;</a>",
    ])
    func rejectsMalformedDocuments(_ xml: String) {
        #expect(throws: XMLParseError.self) { try MiniXMLParser().parse(Array(xml.utf8)) }
    }

    @Test func enforcesSizeAndDepthLimits() {
        #expect(throws: XMLParseError.tooLarge(11)) { try MiniXMLParser(maximumBytes: 10).parse(Array("<a>123</a>x".utf8)) }
        let deep = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(throws: XMLParseError.tooDeep(32)) { try MiniXMLParser().parse(Array(deep.utf8)) }
    }
}
