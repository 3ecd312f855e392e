import Synchronization

/// Decodes every planned (row group, column) chunk into whole-table columns, all chunks in
/// one parallel pool: fixed-width columns straight into preallocated arrays (each row group
/// fills its own slice), byte-array columns per chunk, joined in order afterwards.
struct PlannedTableDecoder {
    let descriptors: [ColumnDescriptor]
    let plan: ReadPlan
    let chunks: ChunkBytes
    let limits: ParquetReaderLimits
    let verifyChecksums: Bool
    let threads: Int

    func decode() throws(ParquetError) -> [Column] {
        // Buffer layout: per column, its values buffer (fixed width only), then its validity.
        var kinds: [OutputBuffers.Kind] = []
        var valueSlot: [Int?] = [], validitySlot: [Int?] = []
        for (position, descriptor) in descriptors.enumerated() {
            valueSlot.append(Self.valueKind(descriptor.physicalType).map { kinds.append($0); return kinds.count - 1 })
            validitySlot.append(needsValidity(position) ? { kinds.append(.validity); return kinds.count - 1 }() : nil)
        }
        let byteColumns = Mutex<[Int: ByteArrayColumn]>([:])
        let groups = plan.rowGroups.count
        let filled = try OutputBuffers.with(kinds, count: plan.totalRows) { pointers throws(ParquetError) in
            // Raw pointers into disjoint slices: each job writes only its row group's rows.
            nonisolated(unsafe) let pointers = pointers
            try ParallelJobs.run(count: groups * descriptors.count, threads: threads) { job throws(ParquetError) in
                let position = job / groups, group = job % groups
                let offset = plan.rowOffsets[group]
                let validity = validitySlot[position].map { pointers[$0].assumingMemoryBound(to: Bool.self) + offset }
                let values = valueSlot[position].map { pointers[$0] }
                if let column = try decodeChunk(position: position, group: group, values: values, offset: offset, validity: validity) {
                    byteColumns.withLock { $0[job] = column }
                }
            }
        }
        return descriptors.indices.map { position in
            let validity = validitySlot[position].map { slot -> [Bool] in
                guard case .bool(let flags) = filled[slot] else { preconditionFailure("validity slot holds flags") }
                return flags
            }
            let values: ColumnValues
            if let slot = valueSlot[position] {
                values = switch filled[slot] {
                case .bool(let array): .boolean(array)
                case .int32(let array): .int32(array)
                case .int64(let array): .int64(array)
                case .int96(let array): .int96(array)
                case .float(let array): .float(array)
                case .double(let array): .double(array)
                }
            } else {
                var joined = ByteArrayColumn(capacity: plan.totalRows)
                byteColumns.withLock { parts in
                    for group in 0..<groups { joined.append(contentsOf: parts[position * groups + group]!) }
                }
                values = .bytes(joined)
            }
            return Column(descriptor: descriptors[position], values: values,
                          validity: validity.flatMap { $0.contains(false) ? $0 : nil })
        }
    }

    /// Decodes one chunk; returns its values for byte-array columns (fixed-width ones are
    /// written through `values`).
    private func decodeChunk(position: Int, group: Int, values: UnsafeMutableRawPointer?, offset: Int,
                             validity: UnsafeMutablePointer<Bool>?) throws(ParquetError) -> ByteArrayColumn? {
        let descriptor = descriptors[position]
        let rows = plan.rowCounts[group]
        let decoder = ColumnChunkDecoder(descriptor: descriptor, codec: plan.codecs[group][position], limits: limits,
                                         verifyChecksums: verifyChecksums)
        return try chunks.withChunk(plan.locations[group][position], key: plan.key(group: group, leaf: position)) {
            bytes throws(ParquetError) -> ByteArrayColumn? in
            func run<D: ColumnPageDecoder>(_ pageDecoder: D) throws(ParquetError) -> D {
                var pageDecoder = pageDecoder
                try decoder.decode(bytes, rows: rows, into: &pageDecoder, validity: validity)
                return pageDecoder
            }
            func fixed<T: FixedWidthValue>(_ type: T.Type) throws(ParquetError) {
                _ = try run(FixedWidthPageDecoder<T>(output: values!.assumingMemoryBound(to: T.self) + offset))
            }
            switch descriptor.physicalType {
            case .boolean: _ = try run(BooleanPageDecoder(output: values!.assumingMemoryBound(to: Bool.self) + offset))
            case .int32: try fixed(Int32.self)
            case .int64: try fixed(Int64.self)
            case .int96: try fixed(Int96.self)
            case .float: try fixed(Float.self)
            case .double: try fixed(Double.self)
            case .byteArray, .fixedLenByteArray:
                let width = descriptor.physicalType == .fixedLenByteArray ? descriptor.typeLength : nil
                return try run(ByteArrayPageDecoder(rows: rows, fixedWidth: width)).column
            }
            return nil
        }
    }

    /// Whether rows can be null: the column is optional and some chunk's statistics do not
    /// promise zero nulls. (A chunk that breaks that promise fails to decode.)
    private func needsValidity(_ position: Int) -> Bool {
        descriptors[position].maxDefinitionLevel > 0 && plan.nullCounts.contains { $0[position] != 0 }
    }

    private static func valueKind(_ type: PhysicalType) -> OutputBuffers.Kind? {
        switch type {
        case .boolean: .bool
        case .int32: .int32
        case .int64: .int64
        case .int96: .int96
        case .float: .float
        case .double: .double
        case .byteArray, .fixedLenByteArray: nil
        }
    }
}
