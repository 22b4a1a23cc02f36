import ISO9660
import TestSupport
import Testing

/// 7-Zip reads what isokit wrote; it takes names from the Joliet tree.
@Suite("Round trip: 7-Zip")
struct SevenZipRoundTripTests {
    @Test("7z l -slt lists the Joliet names and sizes isokit's Joliet walk sees", .oracles("7z"))
    func list() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let listing = try await OracleReaders.sevenZip(image)
        let joliet = try OracleReaders.isokit(image, namespace: .joliet)
        ListingCompare.expectSame(listing, joliet, reader: "7z l -slt", fields: [.kind, .size])
        #expect(listing[RawPath(OddTree.sparseName)]?.size == OddTree.sparseSize)
        #expect(listing.count == (try tree.listing()).count)
    }

    @Test("7z x writes the contents isokit reads from the Joliet tree", .oracles("7z"))
    func extract() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let target = tree.directory.path("7z")
        try await Tool.run(
            "7z", ["x", "-y", "-sccUTF-8", "-o\(target)", "-x!\(OddTree.sparseName)", image],
            environment: OracleReaders.environment)
        let extracted = try HostTree.scan(target)
        let expected = try ImageContents.checksums(try ISOImage(path: image, namespace: .joliet))
            .filter { $0.key != RawPath(OddTree.sparseName) }
        #expect(try HostTree.checksums(extracted, under: target) == expected)
    }
}
