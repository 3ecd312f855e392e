/// The leaf columns of a file's schema tree, with their definition and repetition levels.
/// Nested leaves (inside groups, or repeated) are listed but not decodable.
public struct ParquetSchema: Sendable, Hashable {
    /// Every leaf, in file order (the order of `RowGroup.columns`).
    public let leaves: [ColumnDescriptor]

    /// Builds the leaves from the flattened schema (root first, depth-first).
    public init(_ elements: [SchemaElement]) throws(ParquetError) {
        guard let root = elements.first else { throw ParquetError.metadata("empty schema") }
        var leaves: [ColumnDescriptor] = []
        var index = 1
        let rootChildren = Int(root.numChildren ?? 0)
        guard rootChildren >= 0, rootChildren < elements.count else { throw ParquetError.metadata("root has \(rootChildren) children") }
        for _ in 0..<rootChildren {
            try Self.walk(elements, &index, path: [], definition: 0, repetition: 0, depth: 1, into: &leaves)
        }
        guard index == elements.count else { throw ParquetError.metadata("schema has \(elements.count - index) stray elements") }
        self.leaves = leaves
    }

    private static func walk(_ elements: [SchemaElement], _ index: inout Int, path: [String], definition: Int,
                             repetition: Int, depth: Int, into leaves: inout [ColumnDescriptor]) throws(ParquetError) {
        guard depth <= 64 else { throw ParquetError.metadata("schema nested deeper than 64") }
        guard index < elements.count else { throw ParquetError.metadata("schema ends inside a group") }
        let element = elements[index]
        index += 1
        let repetitionType = element.repetition ?? .required
        let definitionLevel = definition + (repetitionType == .required ? 0 : 1)
        let repetitionLevel = repetition + (repetitionType == .repeated ? 1 : 0)
        let fieldPath = path + [element.name]
        let children = Int(element.numChildren ?? 0)
        if children > 0 {
            guard children <= elements.count - index else { throw ParquetError.metadata("group \(element.name) has too many children") }
            for _ in 0..<children {
                try walk(elements, &index, path: fieldPath, definition: definitionLevel, repetition: repetitionLevel,
                         depth: depth + 1, into: &leaves)
            }
            return
        }
        guard let type = element.type else { throw ParquetError.metadata("leaf \(element.name) has no type") }
        let (scale, precision): (Int32, Int32) = if case .decimal(let s, let p) = element.logicalType { (s, p) }
            else { (element.scale ?? 0, element.precision ?? 0) }
        let typeLength = Int(element.typeLength ?? 0)
        guard type != .fixedLenByteArray || (1...(1 << 20)).contains(typeLength) else {
            throw ParquetError.metadata("fixed-length column \(element.name) has width \(typeLength)")
        }
        leaves.append(ColumnDescriptor(
            name: element.name, physicalType: type, repetition: repetitionType, logicalType: element.logicalType,
            convertedType: element.convertedType, typeLength: typeLength, scale: Int(scale), precision: Int(precision),
            path: fieldPath, maxDefinitionLevel: definitionLevel, maxRepetitionLevel: repetitionLevel))
    }

    /// Leaves this reader decodes: top-level, non-repeated primitives.
    public var flatColumns: [ColumnDescriptor] { leaves.filter(\.isFlat) }

    /// Dotted paths of leaves skipped because they are nested or repeated.
    public var nestedColumnPaths: [String] { leaves.filter { !$0.isFlat }.map { $0.path.joined(separator: ".") } }

    /// Index in `leaves` of the flat column called `name`.
    public func leafIndex(of name: String) -> Int? {
        leaves.firstIndex { $0.isFlat && $0.name == name }
    }
}
