import ISO9660
import TestSupport
import Testing

/// pycdlib reads what isokit wrote, through `walk(rr_path=…)`, `walk(joliet_path=…)` and `open_file_from_iso`.
@Suite("Round trip: pycdlib")
struct PycdlibRoundTripTests {
    /// pycdlib gives a multi-extent file the length of one record only: the last when looked up by Rock Ridge path,
    /// the first by Joliet path (it does the same with xorriso's images).
    static let lastExtentLength = OddTree.sparseSize - OddTree.firstExtentLength

    @Test("the Rock Ridge walk sees the source's names, kinds, modes, sizes and link targets", .oracles("python3"))
    func rockRidge() async throws {
        let tree = try OddTree()
        let report = try await PycdlibReport.read(try tree.create())
        var expected = try tree.listing()
        expected[RawPath(OddTree.sparseName)]?.size = Self.lastExtentLength
        ListingCompare.expectSame(
            report.rockRidgeListing.withoutEmptyRelocationDirectory(), expected, reader: "pycdlib rr_path",
            fields: .allButDevices)
    }

    @Test("the Joliet walk sees the names and sizes isokit's Joliet walk sees", .oracles("python3"))
    func joliet() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let report = try await PycdlibReport.read(image)
        var expected = try OracleReaders.isokit(image, namespace: .joliet)
        expected[RawPath(OddTree.sparseName)]?.size = OddTree.firstExtentLength
        ListingCompare.expectSame(report.jolietListing, expected, reader: "pycdlib joliet_path", fields: [.kind, .size])
    }

    @Test("small files read through pycdlib have the source's contents", .oracles("python3"))
    func contents() async throws {
        let tree = try OddTree()
        let report = try await PycdlibReport.read(try tree.create(), contentLimit: 64 << 10)
        let read = PycdlibReport.checksums(report.rockRidge)
        let source = try tree.scan()
        let expected = try tree.checksums().filter { path, _ in (source[path]?.listed.size ?? .max) <= 64 << 10 }
        #expect(read.count >= 20)
        #expect(read == expected)
    }
}
