import Foundation

/// One page of a listing, and the cursor that continues it (`nil` on the last page).
public struct CatalogPage<Item: Sendable>: Sendable {
    /// The items of this page, in listing order.
    public let items: [Item]
    /// Opaque text to pass back as `cursor` for the next page; `nil` when nothing follows.
    public let nextCursor: String?

    /// A page of `items` continued by `nextCursor`.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Keyset pagination cursors: the sort key of the last item returned, tagged with the
/// listing it belongs to, as base64url text. Opaque to clients, checked on the way back in.
enum PageCursor {
    static func encode(listing: String, fields: [String]) -> String {
        let text = ([listing] + fields).joined(separator: "\n")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The `count` fields of a cursor issued by `listing`. - Throws: `.invalidCursor`.
    static func decode(_ cursor: String, listing: String, count: Int) throws(CatalogError) -> [String] {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard cursor.utf8.count <= 4096, let data = Data(base64Encoded: base64),
              let text = String(data: data, encoding: .utf8) else {
            throw CatalogError(.invalidCursor, "cursor is not one this server issued")
        }
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count + 1, parts[0] == listing else {
            throw CatalogError(.invalidCursor, "cursor belongs to another listing")
        }
        return Array(parts.dropFirst())
    }

    /// Checks a page size against ``Catalog/maximumPageSize``.
    static func checkLimit(_ limit: Int) throws(CatalogError) {
        guard (1...Catalog.maximumPageSize).contains(limit) else {
            throw CatalogError(.invalidArgument, "limit must be between 1 and \(Catalog.maximumPageSize), not \(limit)")
        }
    }
}
