import LakeFormats

/// libFuzzer entry: any bytes as a Parquet file, under tight limits. Reading must either
/// produce a table or throw a typed error: a crash, hang, or runaway allocation is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParquetReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ParquetReaderLimits(maximumFooterSize: 1 << 20, maximumPageSize: 16 << 20, maximumRows: 1 << 20)
    do {
        let reader = try ParquetFileReader(bytes: bytes, limits: limits)
        let table = try reader.readLocal(threads: 1)
        // Render a few rows too: formatting walks every value kind.
        var output: [UInt8] = []
        NDJSONWriter.append(table, rows: 0..<min(table.rowCount, 16), to: &output)
    } catch {
        // Typed errors are the expected outcome for most inputs.
    }
    return 0
}
