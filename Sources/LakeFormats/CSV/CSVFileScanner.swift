import Glibc

/// Reads a CSV file (plain, or gzip-compressed: detected by its magic) record by record
/// through one bounded buffer, so that a file of any size is checked in constant memory.
/// The header is read on opening; every record must have as many fields as the header.
///
/// ```swift
/// let scanner = try CSVFileScanner(path: "bars.csv")
/// var record = CSVRecord()
/// while let line = try scanner.nextRecord(into: &record) { … record[2] … }
/// ```
public final class CSVFileScanner {
    /// The header's field names (spaces and tabs around them trimmed).
    public private(set) var header: [String] = []
    /// Largest record accepted (the buffer's size). Default 1 MiB.
    public let maximumRecordBytes: Int
    /// Most bytes read after gzip decompression.
    public static let maximumInflatedSize = CSVDocument.maximumInflatedSize

    private let input: CSVFileInput
    private let separator: UInt8
    /// The window over the file; records are tokenized in place.
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private var line = 1
    private var atInputStart = true, atInputEnd = false

    /// Opens `path` and reads its header.
    /// - Throws: `CSVError` when the file has no header row or repeats a name, `ParquetError`
    ///   (`.io`) when it cannot be read or (`.corruptData`) for broken gzip.
    public init(path: String, separator: UInt8 = UInt8(ascii: ","), maximumRecordBytes: Int = 1 << 20) throws {
        precondition(maximumRecordBytes >= 16, "the record buffer must hold a few bytes")
        input = try CSVFileInput(path: path, inflatedLimit: Self.maximumInflatedSize)
        self.separator = separator
        self.maximumRecordBytes = maximumRecordBytes
        buffer = .allocate(byteCount: maximumRecordBytes, alignment: 16)
        var record = CSVRecord()
        guard try readRecord(into: &record) != nil else { throw CSVError(line: 1, "no header row") }
        header = try CSVDocument.headerNames(record)
    }

    deinit { buffer.deallocate() }

    /// The next data record's fields (into `record`) and the line it starts on; nil at the
    /// end of the file.
    /// - Throws: `CSVError` for malformed CSV, a record longer than ``maximumRecordBytes``
    ///   or one whose field count differs from the header's; `ParquetError` for I/O and gzip.
    public func nextRecord(into record: inout CSVRecord) throws -> Int? {
        guard let line = try readRecord(into: &record) else { return nil }
        guard record.count == header.count else { throw CSVDocument.fieldCountMismatch(line: line, record.count, header.count) }
        return line
    }

    private func readRecord(into record: inout CSVRecord) throws -> Int? {
        if atInputStart { try fill() }
        while true {
            var tokenizer = CSVTokenizer(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), separator: separator, line: line,
                                         isFinal: atInputEnd, skipsByteOrderMark: atInputStart)
            let found = try tokenizer.nextRecord(into: &record)
            atInputStart = false
            start += tokenizer.consumed
            line = tokenizer.line
            if let found { return found }
            guard tokenizer.needsMoreInput else { return nil }
            guard end - start < buffer.count else {
                throw CSVError(line: line, "record longer than \(maximumRecordBytes) bytes")
            }
            try fill()
        }
    }

    /// Moves the unread bytes to the front and reads until the buffer is full or the input ends.
    private func fill() throws {
        if start > 0 {
            if let base = buffer.baseAddress { memmove(base, base + start, end - start) }
            end -= start
            start = 0
        }
        while end < buffer.count, !atInputEnd {
            let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if count == 0 { atInputEnd = true }
            end += count
        }
    }
}
