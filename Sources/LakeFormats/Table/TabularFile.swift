import Foundation

/// A local Parquet or CSV file (`.csv`, `.csv.gz`, or anything without the Parquet magic),
/// for tools that accept either.
public struct TabularFile {
    private enum Content {
        case parquet(ParquetFileReader)
        case csv(CSVDocument)
    }

    private let content: Content

    /// Opens `path`: Parquet when the file starts with `PAR1`, CSV otherwise.
    public init(path: String) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        let head = try handle.read(upToCount: 4) ?? Data()
        try handle.close()
        if Array(head) == Array("PAR1".utf8) {
            content = .parquet(try ParquetFileReader(path: path))
        } else {
            content = .csv(try CSVDocument(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        }
    }

    /// The CSV rows' line numbers, when the file is CSV.
    public var csvLines: [Int]? {
        if case .csv(let document) = content { return document.lines }
        return nil
    }

    /// Reads `columns` (all when nil) in their order.
    public func read(columns: [String]? = nil, threads: Int = 1) throws -> ColumnTable {
        switch content {
        case .parquet(let reader): return try reader.readLocal(columns: columns, threads: threads)
        case .csv(let document):
            guard let columns else { return document.table }
            return ColumnTable(columns: try columns.map { name in
                guard let column = document.table.column(named: name) else {
                    throw ParquetError(.invalidRequest, "no column named \(name)")
                }
                return column
            }, rowCount: document.table.rowCount)
        }
    }

    /// A parquet-tools style schema listing: one line per column, nested ones marked.
    public func schemaDescription() -> String {
        switch content {
        case .parquet(let reader):
            var text = "format: parquet\nrows: \(reader.rowCount)\nrow groups: \(reader.metadata.rowGroups.count)\n"
            if let createdBy = reader.metadata.createdBy { text += "created by: \(createdBy)\n" }
            for leaf in reader.schema.leaves {
                text += "\(leaf.path.joined(separator: ".")): \(leaf.repetition) \(leaf.physicalType)"
                if leaf.physicalType == .fixedLenByteArray { text += "(\(leaf.typeLength))" }
                if let logical = leaf.logicalType { text += " \(logical)" } else if let converted = leaf.convertedType { text += " (\(converted))" }
                if !leaf.isFlat { text += " [nested: skipped]" }
                text += "\n"
            }
            return text
        case .csv(let document):
            var text = "format: csv\nrows: \(document.table.rowCount)\n"
            for column in document.table.columns { text += "\(column.name): optional string\n" }
            return text
        }
    }
}
