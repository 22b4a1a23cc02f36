import ISO9660
import TestSupport
import Testing

/// 7-Zip reads what isokit wrote; it takes names from the Joliet tree.
@Suite("Round trip: 7-Zip")
struct SevenZipRoundTripTests {
    /// 7-Zip drops one trailing dot from each name (ISO 9660 writes `NAME.` for a name without extension), also on
    /// xorriso's and genisoimage's images.
    static func sevenZipName(_ path: RawPath) -> RawPath {
        RawPath(path.description.split(separator: "/").map { $0.hasSuffix(".") ? $0.dropLast() : $0 }.joined(separator: "/"))
    }

    @Test("7z l -slt lists the Joliet names and sizes isokit's Joliet walk sees", .oracles("7z"))
    func list() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let listing = try await OracleReaders.sevenZip(image)
        let joliet = try OracleReaders.isokit(image, namespace: .joliet)
        let expected = Listing(uniqueKeysWithValues: joliet.map { (Self.sevenZipName($0.key), $0.value) })
        ListingCompare.expectSame(listing, expected, reader: "7z l -slt", fields: [.kind, .size])
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
        let sums = try ImageContents.checksums(try ISOImage(path: image, namespace: .joliet))
            .filter { $0.key != RawPath(OddTree.sparseName) }
        let expected = Dictionary(uniqueKeysWithValues: sums.map { (Self.sevenZipName($0.key), $0.value) })
        #expect(try HostTree.checksums(extracted, under: target) == expected)
    }
}
