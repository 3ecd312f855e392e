/// What a column holds: its name, physical type and annotations, and its levels.
///
/// Parquet leaves carry all of it; CSV columns are described as optional strings.
public struct ColumnDescriptor: Sendable, Hashable {
    /// The column's name (the leaf's name for flat schemas).
    public var name: String
    /// Field names from the root to the leaf.
    public var path: [String]
    public var physicalType: PhysicalType
    /// Width of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int
    public var repetition: Repetition
    public var logicalType: LogicalType?
    public var convertedType: ConvertedType?
    /// Decimal scale and precision (from the logical or the converted type).
    public var scale: Int
    public var precision: Int
    /// Highest definition level (0 required, 1 optional for flat columns).
    public var maxDefinitionLevel: Int
    /// Highest repetition level (0 for flat columns).
    public var maxRepetitionLevel: Int

    /// A descriptor from its parts; levels follow from `repetition` for a flat column.
    public init(name: String, physicalType: PhysicalType, repetition: Repetition = .optional,
                logicalType: LogicalType? = nil, convertedType: ConvertedType? = nil, typeLength: Int = 0,
                scale: Int = 0, precision: Int = 0, path: [String]? = nil,
                maxDefinitionLevel: Int? = nil, maxRepetitionLevel: Int = 0) {
        self.name = name
        self.path = path ?? [name]
        self.physicalType = physicalType
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.typeLength = typeLength
        self.scale = scale
        self.precision = precision
        self.maxDefinitionLevel = maxDefinitionLevel ?? (repetition == .required ? 0 : 1)
        self.maxRepetitionLevel = maxRepetitionLevel
    }

    /// Whether the reader can decode it: a top-level, non-repeated primitive.
    public var isFlat: Bool { path.count == 1 && maxRepetitionLevel == 0 && maxDefinitionLevel <= 1 }

    /// How values should be read by people and by the OHLCV mapping.
    public var kind: ValueKind { ValueKind(self) }
}
