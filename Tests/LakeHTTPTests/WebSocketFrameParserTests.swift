import Testing
@testable import LakeHTTP

/// A client frame, masked with a fixed key.
func clientFrame(fin: Bool = true, rsv: UInt8 = 0, opcode: UInt8, payload: [UInt8], masked: Bool = true,
                 lengthOverride: [UInt8]? = nil) -> [UInt8] {
    let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
    var bytes: [UInt8] = [(fin ? 0x80 : 0) | rsv | opcode]
    let maskBit: UInt8 = masked ? 0x80 : 0
    if let lengthOverride {
        bytes.append(maskBit | lengthOverride[0])
        bytes += lengthOverride.dropFirst()
    } else if payload.count < 126 {
        bytes.append(maskBit | UInt8(payload.count))
    } else if payload.count <= 0xFFFF {
        bytes += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
    } else {
        bytes.append(maskBit | 127)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((payload.count >> shift) & 0xFF)) }
    }
    if masked {
        bytes += key
        bytes += payload.enumerated().map { $0.element ^ key[$0.offset & 3] }
    } else {
        bytes += payload
    }
    return bytes
}

struct FrameCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let compression: Bool
    /// `opcode:payloadLength` per frame.
    let frames: [String]
    let closeCode: UInt16?

    var testDescription: String { name }

    static func accept(_ name: String, _ input: [UInt8], _ frames: [String], compression: Bool = false) -> FrameCase {
        FrameCase(name: name, input: input, compression: compression, frames: frames, closeCode: nil)
    }

    static func refuse(_ name: String, _ input: [UInt8], _ code: UInt16) -> FrameCase {
        FrameCase(name: name, input: input, compression: false, frames: [], closeCode: code)
    }
}

let frameCases: [FrameCase] = [
    .accept("RFC 6455 masked Hello", [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58], ["text:5"]),
    .accept("empty binary", clientFrame(opcode: 2, payload: []), ["binary:0"]),
    .accept("16-bit length", clientFrame(opcode: 2, payload: Array(repeating: 7, count: 300)), ["binary:300"]),
    .accept("64-bit length", clientFrame(opcode: 2, payload: Array(repeating: 7, count: 70_000)), ["binary:70000"]),
    .accept("fragment then continuation", clientFrame(fin: false, opcode: 1, payload: [0x61]) + clientFrame(opcode: 0, payload: [0x62]),
            ["text:1", "continuation:1"]),
    .accept("ping with payload", clientFrame(opcode: 9, payload: Array(repeating: 1, count: 125)), ["ping:125"]),
    .accept("RSV1 with compression negotiated", clientFrame(rsv: 0x40, opcode: 1, payload: [1, 2]), ["text:2"], compression: true),
    .refuse("unmasked client frame", clientFrame(opcode: 1, payload: [0x61], masked: false), 1002),
    .refuse("RSV1 without compression", clientFrame(rsv: 0x40, opcode: 1, payload: [1]), 1002),
    .refuse("RSV2 set", clientFrame(rsv: 0x20, opcode: 1, payload: [1]), 1002),
    .refuse("RSV3 set", clientFrame(rsv: 0x10, opcode: 1, payload: [1]), 1002),
    .refuse("reserved data opcode", clientFrame(opcode: 3, payload: []), 1002),
    .refuse("reserved control opcode", clientFrame(opcode: 0xB, payload: []), 1002),
    .refuse("fragmented ping", clientFrame(fin: false, opcode: 9, payload: []), 1002),
    .refuse("control frame over 125 bytes", clientFrame(opcode: 9, payload: Array(repeating: 1, count: 126)), 1002),
    .refuse("64-bit length with top bit", clientFrame(opcode: 2, payload: [], lengthOverride: [127, 0x80, 0, 0, 0, 0, 0, 0, 1]), 1002),
    .refuse("frame over the size limit", clientFrame(opcode: 2, payload: [], lengthOverride: [127, 0, 0, 0, 0, 0, 0x10, 0, 0]), 1009),
]

@Suite struct WebSocketFrameParserTests {
    static let maxFrameSize = 100_000

    private func run(_ row: FrameCase, cuts: [Int]) -> ([String], UInt16?) {
        var parser = WebSocketFrameParser(maxFrameSize: Self.maxFrameSize, allowsCompression: row.compression)
        var frames: [String] = []
        let bounds = [0] + cuts + [row.input.count]
        for (start, end) in zip(bounds, bounds.dropFirst()) where end > start {
            let piece = Array(row.input[start..<end])
            var offset = 0
            while true {
                do {
                    let (consumed, frame) = try piece.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                    offset += consumed
                    guard let frame else { break }
                    frames.append("\(frame.opcode):\(frame.payload.count)")
                } catch {
                    return (frames, (error as? WebSocketProtocolError)?.closeCode)
                }
            }
        }
        return (frames, nil)
    }

    @Test(arguments: frameCases)
    func parsesWholeInput(_ row: FrameCase) {
        let (frames, code) = run(row, cuts: [])
        #expect(frames == row.frames)
        #expect(code == row.closeCode)
    }

    @Test(arguments: frameCases)
    func givesTheSameResultSplitAtEveryByteBoundary(_ row: FrameCase) {
        let whole = run(row, cuts: [])
        let step = row.input.count > 2_000 ? 997 : 1
        for cut in stride(from: 1, to: row.input.count, by: step) {
            let split = run(row, cuts: [cut])
            #expect(split.0 == whole.0 && split.1 == whole.1, "split at \(cut)")
        }
        if row.input.count < 2_000 {
            let bytewise = run(row, cuts: Array(1..<row.input.count))
            #expect(bytewise.0 == whole.0 && bytewise.1 == whole.1, "byte by byte")
        }
    }

    @Test func unmasksPayload() throws {
        var parser = WebSocketFrameParser(maxFrameSize: 1_000, allowsCompression: false)
        let payload = Array("The quick brown fox jumps over the lazy dog".utf8)
        let input = clientFrame(opcode: 1, payload: payload)
        let frame = try #require(try input.withUnsafeBytes { try parser.parse($0) }.frame)
        #expect(frame.payload == payload)
    }

    @Test func encodesServerFramesWithShortestLength() {
        #expect(WebSocketFrame(opcode: .text, payload: Array(repeating: 0, count: 125)).encoded().prefix(2) == [0x81, 125])
        #expect(WebSocketFrame(opcode: .binary, payload: Array(repeating: 0, count: 126)).encoded().prefix(4) == [0x82, 126, 0, 126])
        #expect(WebSocketFrame(opcode: .binary, payload: Array(repeating: 0, count: 65_536)).encoded().prefix(10) == [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0])
    }
}
