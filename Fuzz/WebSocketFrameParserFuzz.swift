// libFuzzer entry for WebSocketFrameParser and the message assembler (fragmentation,
// UTF-8 validation, permessage-deflate inflation, close payloads). The first byte picks the
// chunk size and whether compression is negotiated.
// Built by Fuzz/run.sh together with the WebSocket source files.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocketFrameParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let pieceSize = Int(control % 64) + 1
    let compression = control & 0x80 != 0
    let maxSize = 8_192
    var parser = WebSocketFrameParser(maxFrameSize: maxSize, allowsCompression: compression)
    var assembler = WebSocketMessageAssembler(maxMessageSize: maxSize, inflater: compression ? DeflateStream(compressing: false) : nil,
                                              resetInflaterAfterMessage: control & 0x40 != 0)
    var start = 0
    while start < input.count {
        let piece = UnsafeRawBufferPointer(rebasing: input[start..<min(start + pieceSize, input.count)])
        start += piece.count
        var offset = 0
        while offset < piece.count {
            guard let (consumed, frame) = try? parser.parse(UnsafeRawBufferPointer(rebasing: piece[offset...])) else { return 0 }
            offset += consumed
            guard let frame else { break }
            precondition(frame.payload.count <= maxSize, "frame limit not enforced")
            // Not `try?`: it would flatten "no message yet" into a refusal and end every input at
            // its first fragment.
            let output: WebSocketMessageAssembler.Output?
            do { output = try assembler.receive(frame) } catch { return 0 }
            switch output {
            case .message(let message):
                if case .binary(let bytes) = message { precondition(bytes.count <= maxSize, "message limit not enforced") }
                if case .text(let text) = message { precondition(text.utf8.count <= maxSize, "message limit not enforced") }
            case .control(let control):
                if control.opcode == .close { _ = try? WebSocketCloseCode.parse(control.payload) }
            case nil:
                break
            }
        }
    }
    return 0
}
