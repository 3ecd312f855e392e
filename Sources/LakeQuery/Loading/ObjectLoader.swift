import LakeCatalog
import LakeCore
import LakeStorage

/// Fetches and decodes the objects of a ``QueryPlan`` in parallel, at most
/// ``maximumConcurrentObjects`` at a time.
///
/// A `FileStore` lake is read in place (memory-mapped, no copy). Any other store (S3) goes
/// through the ``ObjectCache`` when one is configured — the first query downloads an object,
/// later ones map the local copy — or is fetched whole into memory otherwise.
///
/// ```swift
/// let loader = ObjectLoader(store: store, cache: cache)
/// let bars = try await loader.bars(plan.objects, range: query.range)
/// ```
public struct ObjectLoader: Sendable {
    /// The lake.
    public let store: any ObjectStore
    /// The local copy of remote objects, if any.
    public let cache: ObjectCache?
    /// How many objects are fetched and decoded at once.
    public var maximumConcurrentObjects: Int

    /// A loader over `store`; `cache` is ignored for a `FileStore` (already local).
    public init(store: any ObjectStore, cache: ObjectCache? = nil, maximumConcurrentObjects: Int = 16) {
        self.store = store
        self.cache = cache
        self.maximumConcurrentObjects = max(1, maximumConcurrentObjects)
    }

    /// The bars of `objects` inside `range`, merged in time order with one row per time
    /// (newest part wins; see `PartMerger`).
    public func bars(_ objects: [ObjectRecord], range: Range<Int64>) async throws -> BarBatch {
        let batches = try await decodeAll(objects) { _, source in try PartDecoder.bars(source, range: range) }
        return PartMerger.merge(zip(objects, batches).map { PartMerger.Part(record: $0, bars: $1) })
    }

    /// The trades of `objects` inside `range`, in time order (trades are not deduplicated:
    /// two identical prints are two trades).
    public func trades(_ objects: [ObjectRecord], range: Range<Int64>) async throws -> TradeBatch {
        let batches = try await decodeAll(objects) { _, source in try PartDecoder.trades(source, range: range) }
        var merged = TradeBatch()
        for batch in batches {
            merged.time.append(contentsOf: batch.time)
            merged.price.append(contentsOf: batch.price)
            merged.size.append(contentsOf: batch.size)
        }
        return merged.rows(in: Int64.min..<Int64.max)
    }

    /// Runs `decode` on the bytes of every object, keeping the input order.
    func decodeAll<Decoded: Sendable>(_ objects: [ObjectRecord],
                                              _ decode: @escaping @Sendable (ObjectRecord, PartSource) throws -> Decoded) async throws -> [Decoded] {
        var results = [Decoded?](repeating: nil, count: objects.count)
        try await withThrowingTaskGroup(of: (Int, Decoded).self) { group in
            var next = 0
            func startNext() {
                let index = next
                let record = objects[index]
                next += 1
                group.addTask {
                    let source = try await partSource(of: record)
                    do {
                        return (index, try decode(record, source))
                    } catch {
                        throw QueryError(.unreadableObject, "object '\(record.key)' could not be decoded: \(error)")
                    }
                }
            }
            while next < min(objects.count, maximumConcurrentObjects) { startNext() }
            while let (index, decoded) = try await group.next() {
                results[index] = decoded
                if next < objects.count { startNext() }
            }
        }
        return results.map { $0! }
    }

    /// Where `record`'s bytes can be read from.
    private func partSource(of record: ObjectRecord) async throws -> PartSource {
        let format = record.partition.format
        if let files = store as? FileStore { return PartSource(bytes: .file(files.root + "/" + record.key), format: format) }
        if let cache { return PartSource(bytes: .file(try await cache.localPath(for: record, from: store)), format: format) }
        return PartSource(bytes: .memory(try await store.get(record.key)), format: format)
    }
}
