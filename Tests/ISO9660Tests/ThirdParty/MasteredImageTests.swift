import ISO9660
import TestSupport
import Testing

/// Images made at test time by xorriso and genisoimage are read by isokit as the source tree, and as bsdtar and
/// xorriso read them.
@Suite("Third-party images: xorriso and genisoimage")
struct MasteredImageTests {
    @Test("isokit's walk sees the source tree", .oracles("xorriso", "genisoimage"), arguments: MasteredTree.Maker.allCases)
    func walk(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let source = try HostTree.scan(tree.source)
        ListingCompare.expectSame(try OracleReaders.isokit(tree.image), HostTree.listing(source), reader: "isokit walk")
        let image = try ISOImage(path: tree.image)
        #expect(try ImageContents.checksums(image) == (try HostTree.checksums(source, under: tree.source)))
        var times: [String] = []
        try image.walk(from: image.root()) { entry in
            if entry.path != "/", entry.modificationTime != MasteredTree.fileTime { times.append(entry.path) }
        }
        #expect(times.isEmpty, "modification times differ: \(times)")
        let deep = try image.entry(at: "/\(MasteredTree.deepChain)/leaf.txt")
        #expect(deep.size == 5)
    }

    @Test("isokit, bsdtar and xorriso list the same paths, modes, sizes and link targets",
          .oracles("xorriso", "genisoimage", "bsdtar"), arguments: MasteredTree.Maker.allCases)
    func listings(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        // genisoimage writes PN as major/minor; xorriso and bsdtar read a dev_t there (isokit reads both).
        try await ReaderAgreement.expectListingsAgree(tree.image, devices: maker != .genisoimage)
    }

    @Test("isokit and bsdtar extract the same tree, and it is the source tree",
          .oracles("xorriso", "genisoimage", "bsdtar"), arguments: MasteredTree.Maker.allCases)
    func extraction(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let (files, root) = try await ReaderAgreement.expectExtractionsAgree(
            tree.image, in: tree.directory, devices: maker != .genisoimage)
        let source = try HostTree.scan(tree.source)
        ListingCompare.expectSame(HostTree.listing(files), HostTree.listing(source), reader: "isokit extract")
        #expect(try HostTree.checksums(files, under: root) == (try HostTree.checksums(source, under: tree.source)))
        #expect(HostTree.hardLinkGroups(files) == HostTree.hardLinkGroups(source))
    }

    @Test("the relocation directory: hidden by isokit and bsdtar; xorriso lists it unless it is marked RE",
          .oracles("xorriso", "genisoimage"), arguments: MasteredTree.Maker.allCases)
    func relocation(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let plain = try OracleReaders.isokit(tree.image, namespace: .iso9660)
        let relocated = plain.keys.contains { $0.description.uppercased().hasPrefix("RR_MOVED/") }
        #expect(relocated == (maker != .xorriso))
        #expect(try OracleReaders.isokit(tree.image)[RawPath("rr_moved")] == nil)
        let xorriso = try await OracleReaders.xorriso(tree.image)
        #expect((xorriso[RawPath("rr_moved")] != nil) == (maker == .genisoimage))
    }
}
