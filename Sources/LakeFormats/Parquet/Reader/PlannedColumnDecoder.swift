import Synchronization

/// Decodes one column over all planned row groups into a single `Column`, row groups in
/// parallel: fixed-width types straight into one preallocated array, byte arrays per row
/// group then joined.
struct PlannedColumnDecoder {
    let descriptor: ColumnDescriptor
    let plan: ReadPlan
    /// Index of the column in `plan.leaves`.
    let position: Int
    let chunks: ChunkBytes
    let limits: ParquetReaderLimits
    let verifyChecksums: Bool
    let threads: Int

    func decode() throws(ParquetError) -> Column {
        let values: ColumnValues
        var validity: [Bool]?
        switch descriptor.physicalType {
        case .boolean: (values, validity) = try dense(Bool.self) { .boolean($0) } make: { BooleanPageDecoder(output: $0) }
        case .int32: (values, validity) = try fixed(Int32.self) { .int32($0) }
        case .int64: (values, validity) = try fixed(Int64.self) { .int64($0) }
        case .int96: (values, validity) = try fixed(Int96.self) { .int96($0) }
        case .float: (values, validity) = try fixed(Float.self) { .float($0) }
        case .double: (values, validity) = try fixed(Double.self) { .double($0) }
        case .byteArray, .fixedLenByteArray: (values, validity) = try byteArrays()
        }
        if let flags = validity, !flags.contains(false) { validity = nil }
        return Column(descriptor: descriptor, values: values, validity: validity)
    }

    private func fixed<T: FixedWidthValue>(_ type: T.Type, wrap: ([T]) -> ColumnValues) throws(ParquetError) -> (ColumnValues, [Bool]?) {
        try dense(T.self, wrap: wrap) { FixedWidthPageDecoder<T>(output: $0) }
    }

    /// Whether rows can be null: the column is optional and some chunk's statistics do not
    /// promise zero nulls. (A chunk that breaks that promise fails to decode.)
    private var needsValidity: Bool {
        descriptor.maxDefinitionLevel > 0 && plan.nullCounts.contains { $0[position] != 0 }
    }

    private func chunkDecoder(group: Int) -> ColumnChunkDecoder {
        ColumnChunkDecoder(descriptor: descriptor, codec: plan.codecs[group][position], limits: limits,
                           verifyChecksums: verifyChecksums)
    }

    /// Decodes into one array of `totalRows` slots; each row group fills its own slice.
    private func dense<T, Decoder: ColumnPageDecoder>(
        _ type: T.Type, wrap: ([T]) -> ColumnValues, make: (UnsafeMutablePointer<T>) -> Decoder
    ) throws(ParquetError) -> (ColumnValues, [Bool]?) {
        let total = plan.totalRows
        var validity: [Bool]? = needsValidity ? [Bool](repeating: true, count: total) : nil
        var failure: ParquetError?
        // Every slot is written by exactly one page (the chunk decoder checks row counts), so
        // the array starts uninitialised: T is a trivial type, and on failure it is dropped.
        let values = [T](unsafeUninitializedCapacity: total) { output, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(output))
            do throws(ParquetError) {
                try withOptionalBuffer(&validity) { flags throws(ParquetError) in
                    // Each job writes a disjoint slice of both buffers.
                    nonisolated(unsafe) let output = output, flags = flags
                    try ParallelJobs.run(count: plan.rowGroups.count, threads: threads) { group throws(ParquetError) in
                        let offset = plan.rowOffsets[group]
                        var decoder = make(output.baseAddress! + offset)
                        try chunks.withChunk(plan.locations[group][position], key: plan.key(group: group, leaf: position)) {
                            bytes throws(ParquetError) in
                            try chunkDecoder(group: group).decode(bytes, rows: plan.rowCounts[group], into: &decoder,
                                                                  validity: flags.map { $0.baseAddress! + offset })
                        }
                    }
                }
                initialized = total
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return (wrap(values), validity)
    }

    private func byteArrays() throws(ParquetError) -> (ColumnValues, [Bool]?) {
        let total = plan.totalRows
        var validity: [Bool]? = needsValidity ? [Bool](repeating: true, count: total) : nil
        let parts = Mutex<[Int: ByteArrayColumn]>([:])
        let width = descriptor.physicalType == .fixedLenByteArray ? descriptor.typeLength : nil
        try withOptionalBuffer(&validity) { flags throws(ParquetError) in
            nonisolated(unsafe) let flags = flags
            try ParallelJobs.run(count: plan.rowGroups.count, threads: threads) { group throws(ParquetError) in
                let offset = plan.rowOffsets[group]
                var decoder = ByteArrayPageDecoder(rows: plan.rowCounts[group], fixedWidth: width)
                try chunks.withChunk(plan.locations[group][position], key: plan.key(group: group, leaf: position)) {
                    bytes throws(ParquetError) in
                    try chunkDecoder(group: group).decode(bytes, rows: plan.rowCounts[group], into: &decoder,
                                                          validity: flags.map { $0.baseAddress! + offset })
                }
                let column = decoder.column
                parts.withLock { $0[group] = column }
            }
        }
        var joined = ByteArrayColumn(capacity: total)
        parts.withLock { parts in
            for group in plan.rowGroups.indices { joined.append(contentsOf: parts[group]!) }
        }
        return (.bytes(joined), validity)
    }
}

/// Runs `body` with a buffer over `array`'s storage, or nil when there is no array.
func withOptionalBuffer<T>(_ array: inout [T]?, _ body: (UnsafeMutableBufferPointer<T>?) throws(ParquetError) -> Void) throws(ParquetError) {
    guard array != nil else {
        try body(nil)
        return
    }
    try array!.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in try body(buffer) }
}
