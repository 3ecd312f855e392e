import Foundation
import LakeCatalog
import LakeCore
import LakeFormats
import LakeServer
import LakeStorage
import Testing

/// The metadata reader a sync uses finds a compacted object's lineage in its footer — at the
/// compactor's largest size — and only in objects named as the compactor names them.
@Suite struct CompactedFooterTests {
    @Test(arguments: [("compacted-0123.parquet", true), ("part-00009.parquet", false)])
    func theLineageIsReadFromCompactedObjectsOnly(fileName: String, hasLineage: Bool) async throws {
        try await CompactionFixture.with { fixture in
            let names = (0..<PartitionCompactor.defaultMaximumPartsPerObject).map { "part-\(String(format: "%020x", $0 * 7_919)).parquet" }
            let lineage = CompactionLineage(replacedFileNames: names, rankModified: 1_764_000_000_000, rankFileName: names[17])
            var options = ParquetWriterOptions()
            options.keyValueMetadata = lineage.footerMetadata.map { KeyValue(key: $0.key, value: $0.value) }
            let key = CompactionFixture.partitionDirectory(.trades) + fileName
            let info = try await fixture.backing.put(key, bytes: try ParquetWriter.write(trades: CompactionFixture.trades(part: 0, count: 30), options: options))
            let listed = ListedObject(key: key, size: info.size, etag: info.etag, lastModified: 0)
            let metadata = try await ObjectMetadataReader(store: fixture.store)
                .metadata(of: listed, partition: try PartitionKey(parsing: key, basePrefix: CompactionFixture.prefix))
            #expect(metadata.rowCount == 30)
            #expect(metadata.lineage == (hasLineage ? lineage : nil))
        }
    }
}
