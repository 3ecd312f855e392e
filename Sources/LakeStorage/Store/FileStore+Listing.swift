/// Listing in S3's order and page shape.
///
/// The walk visits each directory's entries sorted by `name` (files) or `name/`
/// (directories). Every key below a directory shares its `name/` prefix, so this
/// depth-first order is exactly the byte order of the keys: the walk can skip whole
/// subtrees before the continuation token and stop once the page is full, instead of
/// reading the tree for every page. With the `/` delimiter a directory becomes a common
/// prefix without being descended into.
extension FileStore {
    public func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        precondition(limit > 0, "limit must be positive")
        return try await BlockingIO.run { try listNow(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, limit: limit) }
    }

    private func listNow(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) throws -> ObjectListing {
        // Only the directory the prefix is certainly inside needs walking.
        let base = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !base.isEmpty { try ObjectKey.validate(base) }
        var walk = ListingWalk(prefix: prefix, delimiter: delimiter?.isEmpty == true ? nil : delimiter,
                               token: continuationToken, wanted: limit + 1)
        _ = try walk.visit(directory: base.isEmpty ? root : root + "/" + base, relative: base)

        let page = walk.entries.prefix(limit)
        var objects: [ObjectInfo] = []
        var prefixes: [String] = []
        for entry in page {
            if entry.isPrefix {
                prefixes.append(entry.name)
            } else if let info = try POSIXFile.fileStatus(root + "/" + entry.name) {
                objects.append(Self.objectInfo(key: entry.name, info))
            }
        }
        return ObjectListing(objects: objects, commonPrefixes: prefixes,
                             continuationToken: walk.entries.count > limit ? page.last?.name : nil)
    }
}

/// The state of one listing walk: which entries it wants and what it found so far.
private struct ListingWalk {
    let prefix: String
    let delimiter: String?
    let token: String?
    let wanted: Int
    var entries: [(name: String, isPrefix: Bool)] = []

    init(prefix: String, delimiter: String?, token: String?, wanted: Int) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.token = token
        self.wanted = wanted
    }

    /// Whether `name` comes after the continuation token (everything does without one).
    private func isAfterToken(_ name: String) -> Bool {
        token.map { ObjectKey.precedes($0, name) } ?? true
    }

    /// Visits `directory` (key form `relative`); false once enough entries are found.
    mutating func visit(directory: String, relative: String) throws -> Bool {
        let children = try POSIXFile.entries(directory)
            .filter { !$0.name.hasPrefix(ObjectKey.temporaryPrefix) }
            .map { (name: $0.name, isDirectory: $0.isDirectory, order: Array(($0.isDirectory ? $0.name + "/" : $0.name).utf8)) }
            .sorted { $0.order.lexicographicallyPrecedes($1.order) }
        for child in children {
            let key = relative.isEmpty ? child.name : relative + "/" + child.name
            if child.isDirectory {
                let directoryKey = key + "/"
                let insidePrefix = directoryKey.utf8.starts(with: prefix.utf8)
                guard insidePrefix || prefix.utf8.starts(with: directoryKey.utf8) else { continue }
                // Every key below sorts before the token unless the token lies inside.
                if let token, ObjectKey.precedes(directoryKey, token), !token.utf8.starts(with: directoryKey.utf8) { continue }
                let path = directory + "/" + child.name
                if delimiter == "/" && insidePrefix {
                    if isAfterToken(directoryKey), try Self.containsObject(path) {
                        entries.append((directoryKey, true))
                        if entries.count >= wanted { return false }
                    }
                } else if try !visit(directory: path, relative: key) {
                    return false
                }
            } else if key.utf8.starts(with: prefix.utf8) {
                let name = group(of: key) ?? key
                guard isAfterToken(name), entries.last?.name != name else { continue }
                entries.append((name, name != key))
                if entries.count >= wanted { return false }
            }
        }
        return true
    }

    /// `prefix…delimiter` when the key contains the delimiter after the prefix.
    private func group(of key: String) -> String? {
        guard let delimiter, let range = key.utf8.dropFirst(prefix.utf8.count).firstRange(of: delimiter.utf8) else { return nil }
        return String(key[..<range.upperBound])
    }

    /// Whether a directory holds at least one object (crash leftovers may leave only
    /// temporary files or empty directories, which S3 would not show as a prefix).
    private static func containsObject(_ directory: String) throws -> Bool {
        for entry in try POSIXFile.entries(directory) where !entry.name.hasPrefix(ObjectKey.temporaryPrefix) {
            if try !entry.isDirectory || containsObject(directory + "/" + entry.name) { return true }
        }
        return false
    }
}
