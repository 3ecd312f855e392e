import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeStorage

/// Fetches and decodes the objects of a ``QueryPlan`` in parallel, at most
/// ``maximumConcurrentObjects`` at a time.
///
/// A `FileStore` lake is read in place (memory-mapped, no copy). From any other store (S3) an
/// object is read from the service's ``ObjectCache`` when it holds it; otherwise a small object
/// (at most ``rangedReadThreshold`` bytes, or any CSV) is downloaded whole — into the cache
/// when there is one, so later queries map the local copy — and a larger Parquet object is read
/// by ranges: its footer, then only the chunks of the needed columns in the row groups whose
/// time statistics overlap the range (adjacent chunks coalesced, several requests in flight).
/// Below the threshold one whole GET is faster than a footer read followed by chunk reads.
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
    /// Remote Parquet objects larger than this many bytes are read by ranges, not downloaded.
    public var rangedReadThreshold: Int64
    /// How many objects are fetched and decoded at once.
    public var maximumConcurrentObjects: Int

    /// The default ``rangedReadThreshold``: 2 MiB, where reading one row group of an object
    /// took the same time by one whole GET as by a footer read plus a chunk read against
    /// LocalStack (`bench/ranged-read.sh`); S3's longer wait for each first byte moves the
    /// break-even up, to a few MiB.
    public static let defaultRangedReadThreshold: Int64 = 2 << 20

    /// A loader over `store`; `cache` is ignored for a `FileStore` (already local).
    public init(store: any ObjectStore, cache: ObjectCache? = nil, rangedReadThreshold: Int64 = defaultRangedReadThreshold,
                maximumConcurrentObjects: Int = 16) {
        self.store = store
        self.cache = cache
        self.rangedReadThreshold = rangedReadThreshold
        self.maximumConcurrentObjects = max(1, maximumConcurrentObjects)
    }

    /// This loader without its cache: remote objects are fetched (whole or by ranges) for every
    /// query and nothing is kept (seed 000's `use_cache: false`).
    public func bypassingCache() -> ObjectLoader {
        ObjectLoader(store: store, rangedReadThreshold: rangedReadThreshold, maximumConcurrentObjects: maximumConcurrentObjects)
    }

    /// The bars of `objects` inside `range`, merged in time order with one row per time
    /// (newest part wins; see `PartMerger`). `tally` hears where each object was read from.
    public func bars(_ objects: [ObjectRecord], range: Range<Int64>, tally: ReadTally? = nil) async throws -> BarBatch {
        let batches = try await decodeAll(objects, tally: tally) { _, source in try await PartDecoder.bars(source, range: range) }
        return PartMerger.merge(zip(objects, batches).map { PartMerger.Part(record: $0, bars: $1) })
    }

    /// The trades of `objects` inside `range`, in time order (trades are not deduplicated:
    /// two identical prints are two trades). `tally` hears where each object was read from.
    public func trades(_ objects: [ObjectRecord], range: Range<Int64>, tally: ReadTally? = nil) async throws -> TradeBatch {
        let batches = try await decodeAll(objects, tally: tally) { _, source in try await PartDecoder.trades(source, range: range) }
        var merged = TradeBatch()
        for batch in batches {
            merged.time.append(contentsOf: batch.time)
            merged.price.append(contentsOf: batch.price)
            merged.size.append(contentsOf: batch.size)
        }
        return merged.rows(in: Int64.min..<Int64.max)
    }

    /// Runs `decode` on the bytes of every object, keeping the input order.
    func decodeAll<Decoded: Sendable>(_ objects: [ObjectRecord], tally: ReadTally? = nil,
                                              _ decode: @escaping @Sendable (ObjectRecord, PartSource) async throws -> Decoded) async throws -> [Decoded] {
        var results = [Decoded?](repeating: nil, count: objects.count)
        try await withThrowingTaskGroup(of: (Int, Decoded).self) { group in
            var next = 0
            func startNext() {
                let index = next
                let record = objects[index]
                next += 1
                group.addTask {
                    let source = try await partSource(of: record)
                    tally?.record(source.origin)
                    do {
                        return (index, try await decode(record, source))
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
        if let files = store as? FileStore {
            return PartSource(bytes: .file(files.root + "/" + record.key), format: format, origin: .localLake)
        }
        let ranged = format == .parquet && record.size > rangedReadThreshold
        guard let cache else {
            if ranged {
                let footer = try await ParquetFileReader.open(StoreByteSource(store: store, key: record.key, size: Int(record.size)))
                return PartSource(bytes: .parquet(footer), format: format, origin: .store)
            }
            return PartSource(bytes: .memory(try await store.get(record.key)), format: format, origin: .store)
        }
        if let cached = cache.cached(record, open: { Self.opened($0, format: format) }) {
            return PartSource(bytes: cached, format: format, origin: .cache)
        }
        if ranged {
            return PartSource(bytes: .parquet(try await cache.footer(for: record, from: store)), format: format, origin: .store)
        }
        var filled = try await cache.fill(record, from: store)
        if case .file(let path) = filled {
            // A concurrent query's download, indexed just before this one asked; evicted already
            // if it cannot be opened, so fetched once more, uncached.
            if let opened = Self.opened(path, format: format) { filled = opened } else { filled = .memory(try await store.get(record.key)) }
        }
        return PartSource(bytes: filled, format: format, origin: .store)
    }

    /// A cache entry, opened now rather than when decoded — Parquet mapped, CSV read — so that it
    /// stays readable if the entry is evicted meanwhile. Nil when the file is gone already.
    private static func opened(_ path: String, format: PartitionFileFormat) -> PartSource.Bytes? {
        guard format == .parquet else { return FileManager.default.contents(atPath: path).map { .memory(Array($0)) } }
        return (try? ParquetFileReader(path: path)).map { .parquet($0) }
    }
}
