import Synchronization
import Testing
@testable import LakeHTTP

/// The body stream's back-pressure and endings, without sockets.
@Suite struct RequestBodyStreamTests {
    final class Signals: Sendable {
        let received = Mutex<[String]>([])
        var list: [String] { received.withLock { $0 } }
    }

    static func stream(_ signals: Signals) -> RequestBodyStream {
        RequestBodyStream(highWaterMark: 10, lowWaterMark: 4) { _, signal in
            signals.received.withLock { $0.append("\(signal)") }
        }
    }

    static func append(_ stream: RequestBodyStream, _ count: Int) -> Bool {
        [UInt8](repeating: 7, count: count).withUnsafeBytes { stream.append($0) }
    }

    @Test func pausesAtTheHighWaterMarkAndResumesBelowTheLowOne() async throws {
        let signals = Signals()
        let stream = Self.stream(signals)
        #expect(!Self.append(stream, 4))
        #expect(!Self.append(stream, 4))
        #expect(Self.append(stream, 4), "12 bytes buffered: pause")
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next()?.count == 4)
        #expect(signals.list == ["started"], "8 bytes left: still above the low-water mark")
        #expect(try await iterator.next()?.count == 4)
        #expect(signals.list == ["started", "drained"])
        stream.finish(trailers: ["x": "1"])
        #expect(try await iterator.next()?.count == 4)
        #expect(try await iterator.next() == nil)
        #expect(stream.trailers["x"] == "1")
        #expect(signals.list == ["started", "drained"], "drained is signalled once per pause")
    }

    @Test func waitingReaderGetsBytesFailureAndEnd() async throws {
        let stream = Self.stream(Signals())
        let reader = Task {
            var total = 0
            for try await chunk in stream { total += chunk.count }
            return total
        }
        try await Task.sleep(for: .milliseconds(20))
        #expect(!Self.append(stream, 3))
        #expect(!Self.append(stream, 3))
        stream.fail(HTTPError(.requestTimeout, message: "slow"))
        await #expect(throws: HTTPError.self) { try await reader.value }
    }

    @Test func abandonedStreamDropsBytesAndNeverPauses() async throws {
        let stream = Self.stream(Signals())
        #expect(!Self.append(stream, 5))
        stream.abandon()
        #expect(!Self.append(stream, 100), "100 bytes over a 10-byte high-water mark, yet no pause")
        stream.finish(trailers: [:])
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next() == nil, "buffered and later bytes were dropped")
    }

    @Test func collectRefusesMoreThanItsLimit() async throws {
        let stream = RequestBodyStream(complete: Array(repeating: 1, count: 10), trailers: [:])
        await #expect(throws: HTTPError.self) { _ = try await stream.collect(upTo: 9) }
        #expect(try await RequestBodyStream(complete: [1, 2], trailers: [:]).collect(upTo: 2) == [1, 2])
    }
}
