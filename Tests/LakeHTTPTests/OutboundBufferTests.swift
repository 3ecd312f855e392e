import Glibc
@testable import LakeHTTP
import Testing

/// The outbound queue against a real (Unix) socket pair: order, the per-call write budget
/// that lets other connections of a loop have their turn, and resumption after it.
@Suite struct OutboundBufferTests {
    /// A connected, non-blocking stream socket pair; closed by `close()`.
    private struct SocketPair {
        let writer: Int32
        let reader: Int32

        init() throws {
            var fds: [Int32] = [0, 0]
            try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0)
            writer = fds[0]
            reader = fds[1]
        }

        /// Everything readable right now.
        func drain() -> [UInt8] {
            var received: [UInt8] = []
            var scratch = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = scratch.withUnsafeMutableBytes { recv(reader, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return received }
                received.append(contentsOf: scratch[0..<count])
            }
        }

        func close() {
            Glibc.close(writer)
            Glibc.close(reader)
        }
    }

    /// Three 40 KiB chunks, each filled with its own byte so order mistakes show.
    private static let chunks: [[UInt8]] = (1...3).map { [UInt8](repeating: UInt8($0), count: 40 * 1024) }

    @Test func bytesWrittenInPlaceJoinThePendingChunkInOrder() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        buffer.append(Array("HTTP/1.1 200 OK\r\n".utf8))
        buffer.append { $0.append(contentsOf: Array("Content-Length: 2\r\n\r\nok".utf8)) }
        buffer.append { _ in }
        #expect(buffer.count == 40)
        #expect(try buffer.write(to: pair.writer))
        #expect(String(decoding: pair.drain(), as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    }

    @Test func aSentChunkLendsItsStorageToTheNextOne() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        var capacities: [Int] = []
        for round in 0..<3 {
            buffer.append { bytes in
                capacities.append(bytes.capacity)
                bytes.append(contentsOf: repeatElement(UInt8(round), count: 200))
            }
            #expect(try buffer.write(to: pair.writer))
            #expect(pair.drain() == [UInt8](repeating: UInt8(round), count: 200))
        }
        // The first round starts from nothing; the later ones get the sent storage, emptied.
        #expect(capacities[0] == 0 && capacities[1...].allSatisfy { $0 >= 200 }, "\(capacities)")
    }

    @Test func chunksItDidNotWriteItselfAreNotKeptForReuse() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        // A frame shared with every socket of a broadcast: keeping it would copy it per socket.
        let frame = [UInt8](repeating: 7, count: 200)
        buffer.append(frame)
        #expect(try buffer.write(to: pair.writer))
        #expect(pair.drain() == frame)
        var capacity = -1
        buffer.append { bytes in
            capacity = bytes.capacity
            bytes.append(1)
        }
        #expect(capacity == 0)
    }

    @Test func writesEverythingInOrderWithinTheDefaultBudget() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        for chunk in Self.chunks { buffer.append(chunk) }
        #expect(try buffer.write(to: pair.writer))
        #expect(buffer.isEmpty)
        #expect(pair.drain() == Self.chunks.flatMap { $0 })
    }

    @Test func stopsOnceTheBudgetIsSpentAndResumesWhereItStopped() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        for chunk in Self.chunks { buffer.append(chunk) }
        // One call writes one `sendmsg` (two chunks) and stops: the budget of 1 byte is spent.
        #expect(try buffer.write(to: pair.writer, budget: 1))
        #expect(buffer.count == 40 * 1024)
        var received = pair.drain()
        #expect(received == Self.chunks[0] + Self.chunks[1])
        #expect(try buffer.write(to: pair.writer, budget: 1))
        #expect(buffer.isEmpty)
        received += pair.drain()
        #expect(received == Self.chunks.flatMap { $0 })
        // Nothing pending: nothing written, no progress reported.
        #expect(try !buffer.write(to: pair.writer, budget: 1))
    }

    @Test func smallWritesAreCoalescedIntoOneSend() throws {
        let pair = try SocketPair()
        defer { pair.close() }
        var buffer = OutboundBuffer()
        let parts: [[UInt8]] = (0..<5).map { [UInt8](repeating: UInt8($0), count: 100) }
        for part in parts { buffer.append(part) }
        // Budget 1 allows a single call: coalescing put all five parts into it.
        #expect(try buffer.write(to: pair.writer, budget: 1))
        #expect(buffer.isEmpty)
        #expect(pair.drain() == parts.flatMap { $0 })
    }
}
