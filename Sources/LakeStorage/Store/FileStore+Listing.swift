/// Listing in S3's order and page shape.
extension FileStore {
    public func list(prefix: String, delimiter: String?, continuationToken: String?, limit: Int) async throws -> ObjectListing {
        precondition(limit > 0, "limit must be positive")
        // Only the directory the prefix is certainly inside needs walking.
        let base = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !base.isEmpty { try ObjectKey.validate(base) }
        var keys: [String] = []
        try collectKeys(in: base.isEmpty ? root : root + "/" + base, relative: base, prefix: prefix, into: &keys)
        keys.sort(by: ObjectKey.precedes)

        // Entries in order: object keys, and each common prefix once in place of its keys.
        var entries: [(name: String, isPrefix: Bool)] = []
        for key in keys {
            if let delimiter, !delimiter.isEmpty, let range = key.utf8.dropFirst(prefix.utf8.count).firstRange(of: delimiter.utf8) {
                let group = String(key[..<range.upperBound])
                if entries.last?.name != group { entries.append((group, true)) }
            } else {
                entries.append((key, false))
            }
        }
        let start = continuationToken.map { token in entries.firstIndex { ObjectKey.precedes(token, $0.name) } ?? entries.count } ?? 0
        let page = entries[start..<min(start + limit, entries.count)]
        var objects: [ObjectInfo] = []
        var prefixes: [String] = []
        for entry in page {
            if entry.isPrefix {
                prefixes.append(entry.name)
            } else if let info = try POSIXFile.fileStatus(root + "/" + entry.name) {
                objects.append(Self.objectInfo(key: entry.name, info))
            }
        }
        let more = start + page.count < entries.count
        return ObjectListing(objects: objects, commonPrefixes: prefixes, continuationToken: more ? page.last?.name : nil)
    }

    /// Every key below `directory` (whose key form is `relative`) that starts with `prefix`.
    private func collectKeys(in directory: String, relative: String, prefix: String, into keys: inout [String]) throws {
        for entry in try POSIXFile.entries(directory) where !entry.name.hasPrefix(ObjectKey.temporaryPrefix) {
            let key = relative.isEmpty ? entry.name : relative + "/" + entry.name
            if entry.isDirectory {
                // Descend only where keys can still match the prefix.
                let asDirectory = key + "/"
                if asDirectory.utf8.starts(with: prefix.utf8) || prefix.utf8.starts(with: asDirectory.utf8) {
                    try collectKeys(in: directory + "/" + entry.name, relative: key, prefix: prefix, into: &keys)
                }
            } else if key.utf8.starts(with: prefix.utf8) {
                keys.append(key)
            }
        }
    }
}
