import Foundation
import ISO9660
import TestSupport
import Testing

/// bsdtar (libarchive) reads what isokit wrote.
@Suite("Round trip: bsdtar")
struct BsdtarRoundTripTests {
    @Test("bsdtar tvf lists the source's names, kinds, modes, link targets and device numbers", .oracles("bsdtar"))
    func list() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let source = try tree.listing()
        let listing = OracleReaders.forgivingLibarchiveTargets(try await OracleReaders.bsdtar(image), reference: source)
        ListingCompare.expectSame(
            listing, source, reader: "bsdtar tvf", fields: [.kind, .permissions, .symlinkTarget, .device])
    }

    @Test("bsdtar xf writes the source tree back: contents, modes, times, symbolic and hard links", .oracles("bsdtar"))
    func extract() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let target = tree.directory.path("bsdtar")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        // The sparse file is left out: libarchive writes its 4.5 GiB of zeros in full.
        try await Tool.run(
            "bsdtar", ["xf", image, "-C", target, "--exclude", OddTree.sparseName], environment: OracleReaders.environment)
        let source = try tree.scan().filter { $0.key != RawPath(OddTree.sparseName) }
        let extracted = try HostTree.scan(target)
        let extractedListing = OracleReaders.forgivingLibarchiveTargets(
            HostTree.listing(extracted), reference: HostTree.listing(source))
        ListingCompare.expectSame(extractedListing, HostTree.listing(source), reader: "bsdtar xf")
        let stale = extracted.filter { $0.value.modificationTime != OddTree.time(of: $0.key) }
        #expect(stale.isEmpty, "modification times differ: \(stale.keys.sorted())")
        #expect(HostTree.hardLinkGroups(extracted) == HostTree.hardLinkGroups(source))
        #expect(try HostTree.checksums(extracted, under: target) == (try tree.checksums()))
    }
}
