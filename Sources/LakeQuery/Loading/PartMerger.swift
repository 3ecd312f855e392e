import LakeCatalog
import LakeCore

/// Merges the decoded parts of one series into a single time-ordered batch with one row per
/// bar time.
///
/// **Newest part wins.** Appends write new `part-*` objects and compaction rewrites a
/// partition, so the same bar time can appear in several objects. The newer object is the one
/// with the later store last-modified time; at equal last-modified times (S3 has one-second
/// resolution) the greater key in byte order — writers name parts with zero-padded, increasing
/// sequence numbers (`part-00021-…`), so a later part sorts later. A compacted object ranks as
/// the newest part it replaced (``PartPrecedence``). Within one object a repeated time keeps
/// its last row.
enum PartMerger {
    /// One decoded object.
    struct Part {
        let record: ObjectRecord
        let bars: BarBatch
    }

    /// All parts' rows, ordered by time, deduplicated by the rule above.
    static func merge(_ parts: [Part]) -> BarBatch {
        let ordered = parts.filter { !$0.bars.isEmpty }.sorted { ($0.bars.time[0], $0.record.key) < ($1.bars.time[0], $1.record.key) }
        if isDisjointAndSorted(ordered) {
            // The common case: parts are days (or months) of strictly increasing bars.
            var builder = BarBatchBuilder(capacity: ordered.reduce(0) { $0 + $1.bars.count }, like: ordered.map(\.bars))
            for part in ordered { builder.append(part.bars, rows: 0..<part.bars.count) }
            return builder.batch
        }
        return mergeOverlapping(ordered)
    }

    /// Whether every part strictly ascends and ends before the next begins.
    private static func isDisjointAndSorted(_ parts: [Part]) -> Bool {
        var previousLast = Int64.min
        for part in parts {
            guard part.bars.time[0] > previousLast, TimeColumn.isStrictlyAscending(part.bars.time) else { return false }
            previousLast = part.bars.time[part.bars.count - 1]
        }
        return true
    }

    /// The general case: sort every row by (time, part age, row) and keep the last of each time.
    private static func mergeOverlapping(_ parts: [Part]) -> BarBatch {
        let age = parts.indices.sorted { parts[$0].record.precedence < parts[$1].record.precedence }
        var rank = [Int](repeating: 0, count: parts.count)
        for (position, part) in age.enumerated() { rank[part] = position }
        var rows: [(time: Int64, rank: Int, part: Int, row: Int)] = []
        rows.reserveCapacity(parts.reduce(0) { $0 + $1.bars.count })
        for (index, part) in parts.enumerated() {
            for (row, time) in part.bars.time.enumerated() { rows.append((time, rank[index], index, row)) }
        }
        rows.sort { ($0.time, $0.rank, $0.row) < ($1.time, $1.rank, $1.row) }
        var builder = BarBatchBuilder(capacity: rows.count, like: parts.map(\.bars))
        for (position, row) in rows.enumerated() where position + 1 == rows.count || rows[position + 1].time != row.time {
            builder.append(parts[row.part].bars, rows: row.row..<(row.row + 1))
        }
        return builder.batch
    }
}
