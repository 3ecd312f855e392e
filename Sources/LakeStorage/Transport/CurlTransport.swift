import CCurl
import Foundation
import Synchronization

/// Runs HTTP transfers on libcurl's multi interface, driven by one dedicated thread, so
/// many requests are in flight at once, connections are kept alive and reused, and no
/// Swift concurrency thread ever blocks on the network.
///
/// ```swift
/// let response = try await CurlTransport.shared.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:4566/"))
/// ```
///
/// A transport's thread runs for the rest of the process, so share one (`shared`) rather
/// than creating one per client.
///
/// `@unchecked Sendable`: the multi handle is used only by the driver thread, except
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread; everything
/// else crosses threads through the `inbox` mutex.
public final class CurlTransport: @unchecked Sendable {
    /// The process-wide transport (one thread, one connection cache).
    public static let shared = CurlTransport()

    private struct Inbox {
        var added: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())

    /// Starts a transport with its own thread and connection cache.
    /// - Parameter maxConnectionsPerHost: parallel connections to one host.
    public init(maxConnectionsPerHost: Int = 32) {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnectionsPerHost * 2)
        let thread = Thread { [self] in run() }
        thread.name = "candlelake-curl"
        thread.start()
    }

    /// Performs `request`. With a `sink`, a 2xx body goes to it as it arrives; other
    /// bodies are returned in the response. Cancelling the task aborts the transfer.
    /// - Throws: `HTTPTransportError` when no HTTP response arrives; `CancellationError`.
    public func perform(_ request: HTTPRequest, sink: HTTPBodySink? = nil) async throws -> HTTPResponse {
        let transfer = CurlTransfer(request: request, sink: sink)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                inbox.withLock { $0.added.append(transfer) }
                curl_multi_wakeup(multi)
            }
        } onCancel: {
            transfer.cancelRequested.store(true, ordering: .releasing)
            inbox.withLock { $0.cancelled.append(transfer) }
            curl_multi_wakeup(multi)
        }
    }

    /// The driver loop: adopt new transfers, drop cancelled ones, let curl work, finish
    /// completed ones, sleep in `curl_multi_poll` until a socket or a wake-up needs us.
    private func run() {
        var active: [ObjectIdentifier: CurlTransfer] = [:]
        while true {
            let inbox = self.inbox.withLock { inbox in
                defer { inbox = Inbox() }
                return inbox
            }
            for transfer in inbox.added {
                if transfer.cancelRequested.load(ordering: .acquiring) {
                    transfer.fail(CancellationError())
                } else if let error = transfer.start() {
                    transfer.fail(error)
                } else if let easy = transfer.easy {
                    curl_multi_add_handle(multi, easy)
                    active[ObjectIdentifier(transfer)] = transfer
                }
            }
            for transfer in inbox.cancelled {
                guard active.removeValue(forKey: ObjectIdentifier(transfer)) != nil, let easy = transfer.easy else { continue }
                curl_multi_remove_handle(multi, easy)
                transfer.fail(CancellationError())
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = message.pointee.data.result
                var pointer: UnsafeMutableRawPointer? = nil
                ccurl_getinfo_ptr(easy, CURLINFO_PRIVATE, &pointer)
                curl_multi_remove_handle(multi, easy)
                guard let pointer else { continue }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
                active.removeValue(forKey: ObjectIdentifier(transfer))
                transfer.complete(result)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }
}
