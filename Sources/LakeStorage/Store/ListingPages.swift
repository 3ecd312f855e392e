/// Pages of a listing, fetched one at a time as they are consumed, following
/// continuation tokens until a page has none (never stopping at 1,000 keys).
///
/// ```swift
/// for try await page in store.pages(prefix: "timeframe=1m/") {
///     for object in page.objects { … }
/// }
/// ```
public struct ListingPages: AsyncSequence, Sendable {
    public typealias Element = ObjectListing
    /// Fetches the page after `token` (nil: the first page).
    public typealias FetchPage = @Sendable (_ token: String?) async throws -> ObjectListing

    private let fetch: FetchPage

    /// A sequence over the pages `fetch` returns.
    public init(_ fetch: @escaping FetchPage) {
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    /// Iterates pages; each `next()` makes at most one request.
    public struct Iterator: AsyncIteratorProtocol {
        let fetch: FetchPage
        var token: String? = nil
        var finished = false

        public mutating func next() async throws -> ObjectListing? {
            guard !finished else { return nil }
            let page = try await fetch(token)
            token = page.continuationToken
            finished = token == nil
            return page
        }
    }

    /// Every object of every page, in order.
    public func allObjects() async throws -> [ObjectInfo] {
        var objects: [ObjectInfo] = []
        for try await page in self { objects.append(contentsOf: page.objects) }
        return objects
    }
}
