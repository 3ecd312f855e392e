import Foundation
import LakeCore
@testable import LakeFormats

/// Values in one comparable form shared with the Python dump scripts: integers (and
/// times, in the file's unit) as "i:…", strings "s:…", binary "x:hex", decimals "d:…",
/// booleans "b:true"/"b:false", floats as numbers (Python sends them as exact hex "h:…";
/// non-finite as "f:nan"/"f:inf"/"f:-inf"), null.
enum Canonical: Hashable, Sendable {
    case null
    case number(Double)
    case text(String)

    /// A value decoded by JSONSerialization from the Python dump.
    init(json: Any) {
        switch json {
        case let text as String where text.hasPrefix("h:"):
            // Hexadecimal floats: exact, unlike decimal text through JSONSerialization.
            self = Double(String(text.dropFirst(2))).map(Canonical.number) ?? .text(text)
        case let text as String: self = .text(text)
        case let number as NSNumber: self = .number(number.doubleValue)
        default: self = .null
        }
    }
}

enum CanonicalValues {
    /// The canonical form of every row of `column`.
    /// With `nanoseconds`, timestamps are compared as epoch nanoseconds whatever their unit
    /// (DuckDB and polars may hand back another unit than the file's).
    static func of(_ column: Column, nanoseconds: Bool = false) -> [Canonical] {
        (0..<column.count).map { row in column.isNull(row) ? .null : value(column, row, nanoseconds: nanoseconds) }
    }

    private static func value(_ column: Column, _ row: Int, nanoseconds: Bool) -> Canonical {
        let kind = column.descriptor.kind
        if nanoseconds, case .timestamp(let unit, _) = kind, case .int64(let values) = column.values {
            return .text("i:\(unit.convert(values[row], to: .nanoseconds)!)")
        }
        if nanoseconds, case .int96(let values) = column.values, let epochNanoseconds = values[row].epochNanoseconds {
            return .text("i:\(epochNanoseconds)")
        }
        switch column.values {
        case .boolean(let values): return .text(values[row] ? "b:true" : "b:false")
        case .int32(let values): return integer(Int64(values[row]), kind)
        case .int64(let values): return integer(values[row], kind)
        case .int96(let values): return .text("i:\(values[row].epochMicroseconds)")
        case .float(let values): return floating(Double(values[row]))
        case .double(let values): return floating(values[row])
        case .bytes(let values):
            switch kind {
            case .string: return .text("s:" + values.string(at: row))
            case .decimal, .float16:
                var text: [UInt8] = []
                _ = CellFormatter.append(column, row: row, to: &text)
                let rendered = String(decoding: text, as: UTF8.self)
                return kind == .float16 ? floating(Double(rendered) ?? .nan) : .text("d:" + rendered)
            default: return .text("x:" + values[row].map { String(format: "%02x", $0) }.joined())
            }
        }
    }

    private static func integer(_ raw: Int64, _ kind: ValueKind) -> Canonical {
        switch kind {
        case .integer(let width, false): return .text("i:\(width <= 32 ? UInt64(UInt32(truncatingIfNeeded: raw)) : UInt64(bitPattern: raw))")
        case .decimal(let scale, _):
            var text: [UInt8] = []
            CellFormatter.appendDecimal(Int128(raw), scale: scale, to: &text)
            return .text("d:" + String(decoding: text, as: UTF8.self))
        default: return .text("i:\(raw)")
        }
    }

    private static func floating(_ value: Double) -> Canonical {
        if value.isNaN { return .text("f:nan") }
        if value.isInfinite { return .text(value > 0 ? "f:inf" : "f:-inf") }
        return .number(value)
    }

    /// Parses the Python dump `{key: {column: [values]}}`.
    static func parseDump(_ data: Data) -> [String: [String: [Canonical]]] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [:] }
        return object.mapValues { columns in
            columns.compactMapValues { ($0 as? [Any])?.map(Canonical.init(json:)) }
        }
    }

    /// The Python side of the same convention: `canonical(table)` → {name: [values]}.
    static let pythonHelpers = #"""
import json, math, sys, decimal, uuid, datetime
import pyarrow as pa, pyarrow.parquet as pq, pyarrow.compute as pc

def canonical_value(v):
    if v is None: return None
    if isinstance(v, bool): return "b:true" if v else "b:false"
    if isinstance(v, int): return "i:%d" % v
    if isinstance(v, float):
        if math.isnan(v): return "f:nan"
        if math.isinf(v): return "f:inf" if v > 0 else "f:-inf"
        return "h:" + v.hex()
    if isinstance(v, decimal.Decimal): return "d:" + str(v)
    if isinstance(v, str): return "s:" + v
    if isinstance(v, (bytes, bytearray)): return "x:" + bytes(v).hex()
    if isinstance(v, uuid.UUID): return "x:" + v.bytes.hex()
    raise TypeError(type(v))

def canonical_column(col, ns=False):
    t = col.type
    if ns and pa.types.is_timestamp(t):
        col = col.cast(pa.timestamp("ns", tz=t.tz)).cast(pa.int64())
    elif pa.types.is_timestamp(t) or pa.types.is_date(t) or pa.types.is_time(t):
        col = col.cast(pa.int64() if not pa.types.is_date32(t) and not pa.types.is_time32(t) else pa.int32())
    elif pa.types.is_dictionary(t):
        col = col.cast(t.value_type)
    if pa.types.is_floating(col.type):
        return [canonical_value(None if v is None else float(v)) for v in col.to_pylist()]
    return [canonical_value(v) for v in col.to_pylist()]

def canonical(table, ns=False):
    return {name: canonical_column(table.column(name), ns) for name in table.column_names
            if not pa.types.is_nested(table.column(name).type)}
"""#
}
