import Testing
@testable import LakeHTTP

@Suite struct WebSocketMessageAssemblerTests {
    private func frame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true, rsv1: Bool = false) -> WebSocketFrame {
        WebSocketFrame(fin: fin, rsv1: rsv1, opcode: opcode, payload: payload)
    }

    private func assemble(_ frames: [WebSocketFrame], maxMessageSize: Int = 1_000, inflater: DeflateStream? = nil) -> ([WebSocketMessage], UInt16?) {
        var assembler = WebSocketMessageAssembler(maxMessageSize: maxMessageSize, inflater: inflater, resetInflaterAfterMessage: false)
        var messages: [WebSocketMessage] = []
        for frame in frames {
            do {
                if case .message(let message) = try assembler.receive(frame) { messages.append(message) }
            } catch {
                return (messages, error.closeCode)
            }
        }
        return (messages, nil)
    }

    @Test func joinsFragmentsWithInterleavedControlFrames() {
        let (messages, code) = assemble([frame(.text, Array("Hel".utf8), fin: false), frame(.ping, []),
                                         frame(.continuation, Array("lo".utf8))])
        #expect(messages == [.text("Hello")])
        #expect(code == nil)
    }

    @Test func acceptsUTF8SequenceSplitAcrossFragments() {
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        let (messages, code) = assemble([frame(.text, [euro[0]], fin: false), frame(.continuation, Array(euro[1...]))])
        #expect(messages == [.text("€")])
        #expect(code == nil)
    }

    @Test(arguments: [
        ("continuation without a message", [WebSocketFrame(opcode: .continuation, payload: [1])], UInt16(1002)),
        ("new message while fragmented", [WebSocketFrame(fin: false, opcode: .text, payload: [0x61]), WebSocketFrame(opcode: .binary, payload: [1])], 1002),
        ("RSV1 on continuation", [WebSocketFrame(fin: false, opcode: .binary, payload: [1]), WebSocketFrame(rsv1: true, opcode: .continuation, payload: [1])], 1002),
        ("invalid UTF-8 fails in the first fragment", [WebSocketFrame(fin: false, opcode: .text, payload: [0xC0, 0x80])], 1007),
        ("text ending mid-sequence", [WebSocketFrame(opcode: .text, payload: [0xE2, 0x82])], 1007),
        ("surrogate code point", [WebSocketFrame(opcode: .text, payload: [0xED, 0xA0, 0x80])], 1007),
        ("message over the limit across fragments", [WebSocketFrame(fin: false, opcode: .binary, payload: Array(repeating: 0, count: 600)),
                                                     WebSocketFrame(opcode: .continuation, payload: Array(repeating: 0, count: 600))], 1009),
        ("compressed without negotiation", [WebSocketFrame(rsv1: true, opcode: .binary, payload: [1])], 1002),
    ] as [(String, [WebSocketFrame], UInt16)])
    func refuses(_ name: String, _ frames: [WebSocketFrame], _ expected: UInt16) {
        #expect(assemble(frames).1 == expected, "\(name)")
    }

    @Test func inflatesCompressedFragmentedMessage() throws {
        let text = String(repeating: "candle lake ", count: 200)
        let deflater = try #require(DeflateStream(compressing: true))
        let compressed = try #require(deflater.compress(Array(text.utf8)))
        let middle = compressed.count / 2
        let (messages, code) = assemble([frame(.text, Array(compressed[..<middle]), fin: false, rsv1: true),
                                         frame(.continuation, Array(compressed[middle...]))],
                                        maxMessageSize: 10_000, inflater: DeflateStream(compressing: false))
        #expect(code == nil)
        #expect(messages == [.text(text)])
    }

    @Test func refusesDecompressionBomb() throws {
        let deflater = try #require(DeflateStream(compressing: true))
        let compressed = try #require(deflater.compress(Array(repeating: 0, count: 100_000)))
        let (_, code) = assemble([frame(.binary, compressed, rsv1: true)], maxMessageSize: 1_000, inflater: DeflateStream(compressing: false))
        #expect(code == 1009)
    }
}

@Suite struct WebSocketProtocolTests {
    @Test func acceptValueMatchesRFC6455Example() {
        #expect(WebSocketHandshake.acceptValue(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test(arguments: [
        ([UInt8](), UInt16?.none, UInt16?.none),
        ([0x03, 0xE8], 1000, nil),
        ([0x03, 0xE8, 0x6F, 0x6B], 1000, nil),
        ([0x0F, 0xA0], 4000, nil),
        ([0x03], nil, 1002),
        ([0x03, 0xED], nil, 1002),
        ([0x03, 0xEE], nil, 1002),
        ([0x03, 0xF7], nil, 1002),
        ([0x07, 0xD0], nil, 1002),
        ([0x03, 0xE8, 0xFF], nil, 1007),
    ] as [([UInt8], UInt16?, UInt16?)])
    func validatesClosePayload(_ payload: [UInt8], _ code: UInt16?, _ expectedError: UInt16?) {
        do {
            let parsed = try WebSocketCloseCode.parse(payload)
            #expect(expectedError == nil)
            #expect(parsed == code)
        } catch {
            #expect(error.closeCode == expectedError)
        }
    }

    @Test(arguments: [
        ("permessage-deflate", "permessage-deflate"),
        ("permessage-deflate; client_max_window_bits", "permessage-deflate"),
        ("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
         "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
        ("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_max_window_bits=10"),
        ("permessage-deflate; server_max_window_bits=8, permessage-deflate", "permessage-deflate"),
        ("permessage-deflate; server_max_window_bits=8", nil),
        ("permessage-deflate; server_max_window_bits=16", nil),
        ("permessage-deflate; unknown_parameter", nil),
        ("permessage-deflate; server_no_context_takeover; server_no_context_takeover", nil),
        ("x-webkit-deflate-frame", nil),
    ] as [(String, String?)])
    func negotiatesPerMessageDeflate(_ offer: String, _ expected: String?) {
        #expect(PerMessageDeflateParameters.negotiate([offer])?.1 == expected)
    }

    @Test(arguments: [
        ("ascii", Array("hello".utf8), true),
        ("two-byte", [0xC3, 0xA9], true),
        ("four-byte max", [0xF4, 0x8F, 0xBF, 0xBF], true),
        ("overlong", [0xC0, 0xAF], false),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], false),
        ("lone continuation", [0x80], false),
        ("truncated", [0xE2, 0x82], false),
        ("F5 lead", [0xF5], false),
    ] as [(String, [UInt8], Bool)])
    func validatesUTF8(_ name: String, _ bytes: [UInt8], _ valid: Bool) {
        #expect(UTF8Validator.isValid(bytes) == valid, "\(name)")
    }
}
