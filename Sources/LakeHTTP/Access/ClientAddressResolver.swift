/// Finds the address of the client behind a request: the socket's peer, or — only when that
/// peer is a trusted proxy — the address the proxies recorded in `X-Forwarded-For`.
///
/// `X-Forwarded-For` is read from the right: each proxy appends the address it received the
/// request from, so the rightmost entry not itself a trusted proxy is the client. Anything to
/// its left was written by that client and is not believed. With no trusted proxies (the
/// default) the header is ignored, so a client cannot pick the bucket it is counted in.
public struct ClientAddressResolver: Sendable {
    /// Peers whose `X-Forwarded-For` is believed.
    public let trustedProxies: IPNetworkList

    /// A resolver trusting `trustedProxies` (default none).
    public init(trustedProxies: IPNetworkList = IPNetworkList([])) {
        self.trustedProxies = trustedProxies
    }

    /// The client of `request`, which arrived from `remoteAddress` (``RequestContext/remoteAddress``);
    /// nil when the peer is not an IP address.
    public func client(of request: HTTPRequest, remoteAddress: String) -> IPAddress? {
        guard let peer = IPAddress(peer: remoteAddress) else { return nil }
        guard !trustedProxies.networks.isEmpty, trustedProxies.contains(peer) else { return peer }
        var client = peer
        for line in request.headers.values("x-forwarded-for").reversed() {
            for entry in line.split(separator: ",").reversed() {
                guard trustedProxies.contains(client) else { return client }
                // A hop a trusted proxy wrote that is not an address: stop at the last good one.
                guard let address = IPAddress(entry.trimmingSpaces) else { return client }
                client = address
            }
        }
        return client
    }
}
