import ISO9660
import TestSupport
import Testing

/// A 4.5 GiB file needs two directory records (ECMA-119 §6.5.1, §9.1.6 bit 7); a sparse source stays sparse.
@Suite("Round trip: multi-extent file")
struct MultiExtentTests {
    @Test("isokit's reader joins two extents, and reads the bytes at the start, middle, boundary and end")
    func extents() throws {
        let tree = try OddTree()
        let image = try ISOImage(path: try tree.create())
        let entry = try image.entry(at: "/\(OddTree.sparseName)")
        #expect(entry.extents.count == 2 && entry.size == OddTree.sparseSize)
        #expect(entry.extents.first.map { Int64($0.length) } == OddTree.firstExtentLength)
        // The second extent follows the first without a gap, as writers lay them out.
        #expect(entry.extents[1].lba == entry.extents[0].lba + UInt32(OddTree.firstExtentLength / 2048))
        for (offset, bytes) in OddTree.sparseRegions {
            #expect(try ImageContents.bytes(of: entry, in: image, at: offset, count: bytes.count) == bytes)
        }
        #expect(try ImageContents.bytes(of: entry, in: image, at: 4096, count: 16) == Array(repeating: 0, count: 16))
    }

    @Test("isoinfo shows two records, the first flagged multi-extent", .oracles("isoinfo"),
          arguments: ["-R", "-J"])
    func isoinfoRecords(extensions: String) async throws {
        let tree = try OddTree()
        let path = try tree.create()
        let image = try ISOImage(path: path)
        let entry = try image.entry(at: "/\(OddTree.sparseName)")
        let rows = try await OracleReaders.isoinfoRows(path, extensions: extensions)
            .filter { $0.path == RawPath(OddTree.sparseName) }
        #expect(rows.map(\.lba) == entry.extents.map(\.lba))
        #expect(rows.map(\.recordSize) == entry.extents.map { Int64($0.length) })
    }

    @Test("writing 4.5 GiB of mostly holes takes little disk")
    func sparseOutput() throws {
        let tree = try OddTree()
        let path = tree.directory.path("sparse.iso")
        let report = try ISOCreator.create(from: tree.source, to: path, options: ISOWriterOptions())
        let written = try HostTree.inspect(path)
        #expect(report.bytes == written.listed.size && report.bytes > OddTree.sparseSize)
        #expect(written.allocatedBytes < 64 << 20, "the image takes \(written.allocatedBytes) bytes on disk")
    }
}
