import CZlib

/// Negotiated permessage-deflate parameters (RFC 7692 §7).
public struct PerMessageDeflateParameters: Sendable, Equatable {
    /// The server resets its compressor after every message.
    public var serverNoContextTakeover = false
    /// The client resets its compressor after every message (we then reset our inflater too).
    public var clientNoContextTakeover = false
    /// LZ77 window of the server's compressor, 9…15.
    public var serverMaxWindowBits = 15

    /// Picks the first offer in `Sec-WebSocket-Extensions` values that we can honour, and
    /// the response header value for it; nil when there is none.
    ///
    /// `server_max_window_bits=8` offers are declined: zlib cannot compress with a 256-byte
    /// window (it silently uses 512), which would break the promise.
    static func negotiate(_ headerValues: [String]) -> (PerMessageDeflateParameters, String)? {
        let offers = headerValues.flatMap { $0.split(separator: ",") }
        offerLoop: for offer in offers {
            let parts = offer.split(separator: ";").map { $0.trimmingSpaces }
            guard parts.first?.lowercased() == "permessage-deflate" else { continue }
            var parameters = PerMessageDeflateParameters()
            var seen = Set<String>()
            var response = "permessage-deflate"
            for part in parts.dropFirst() {
                let pieces = part.split(separator: "=", maxSplits: 1)
                let name = pieces[0].trimmingSpaces.lowercased()
                var value = pieces.count > 1 ? String(pieces[1].trimmingSpaces) : nil
                if let quoted = value, quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") {
                    value = String(quoted.dropFirst().dropLast())
                }
                guard seen.insert(name).inserted else { continue offerLoop }
                switch name {
                case "server_no_context_takeover":
                    guard value == nil else { continue offerLoop }
                    parameters.serverNoContextTakeover = true
                    response += "; server_no_context_takeover"
                case "client_no_context_takeover":
                    guard value == nil else { continue offerLoop }
                    parameters.clientNoContextTakeover = true
                    response += "; client_no_context_takeover"
                case "server_max_window_bits":
                    guard let value, let bits = Int(value), (9...15).contains(bits), value.first != "0" else { continue offerLoop }
                    parameters.serverMaxWindowBits = bits
                    response += "; server_max_window_bits=\(bits)"
                case "client_max_window_bits":
                    // Our inflater always uses a 32 KiB window, so any client window works.
                    if let value {
                        guard let bits = Int(value), (8...15).contains(bits), value.first != "0" else { continue offerLoop }
                    }
                default:
                    continue offerLoop
                }
            }
            return (parameters, response)
        }
        return nil
    }
}

/// zlib raw-deflate state for one direction of one connection.
///
/// `@unchecked Sendable`: the z_stream is used by one owner at a time — the inflater only on
/// the connection's loop thread, the deflater only under its ``WebSocket``'s send lock.
final class DeflateStream: @unchecked Sendable {
    private var stream = z_stream()
    private let compressing: Bool

    /// The trailer every flushed message ends with; stripped on send, re-added on receive.
    static let tail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    /// A compressor (`windowBits` 9…15) or a decompressor (always a 32 KiB window).
    init?(compressing: Bool, windowBits: Int = 15) {
        self.compressing = compressing
        let size = Int32(MemoryLayout<z_stream>.size)
        let status = compressing
            ? deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -Int32(windowBits), 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size)
            : inflateInit2_(&stream, -15, ZLIB_VERSION, size)
        guard status == Z_OK else { return nil }
    }

    deinit {
        if compressing { deflateEnd(&stream) } else { inflateEnd(&stream) }
    }

    /// Forgets the sliding window (no_context_takeover).
    func reset() {
        if compressing { deflateReset(&stream) } else { inflateReset(&stream) }
    }

    /// How a zlib pass ended.
    enum Outcome {
        case finished
        case tooLarge
        case failed
    }

    /// Compresses one whole message and strips the final empty block's tail.
    func compress(_ input: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2 + 64)
        let outcome = input.withUnsafeBytes { source in
            run(source, flush: Z_SYNC_FLUSH, limit: Int.max) { output.append(contentsOf: $0); return true }
        }
        guard outcome == .finished, output.count >= 4, output.suffix(4).elementsEqual(DeflateStream.tail) else { return nil }
        output.removeLast(4)
        return output
    }

    /// Decompresses the next part of a message, handing output pieces to `sink`. Fails on
    /// corrupt data or when more than `limit` bytes would come out.
    func decompress(_ input: UnsafeRawBufferPointer, limit: Int, sink: (UnsafeRawBufferPointer) -> Bool) -> Outcome {
        run(input, flush: Z_SYNC_FLUSH, limit: limit, sink: sink)
    }

    private func run(_ input: UnsafeRawBufferPointer, flush: Int32, limit: Int, sink: (UnsafeRawBufferPointer) -> Bool) -> Outcome {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var produced = 0
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            let (status, written) = chunk.withUnsafeMutableBytes { target -> (Int32, Int) in
                stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                let status = compressing ? deflate(&stream, flush) : inflate(&stream, flush)
                return (status, target.count - Int(stream.avail_out))
            }
            guard status == Z_OK || status == Z_BUF_ERROR || status == Z_STREAM_END else { return .failed }
            produced += written
            if produced > limit { return .tooLarge }
            if written > 0, !chunk.withUnsafeBytes({ sink(UnsafeRawBufferPointer(rebasing: $0[0..<written])) }) { return .failed }
            // Done once zlib consumed everything and had output room to spare.
            if stream.avail_in == 0 && stream.avail_out > 0 { return .finished }
            if status == Z_STREAM_END { return stream.avail_in == 0 ? .finished : .failed }
        }
    }
}
