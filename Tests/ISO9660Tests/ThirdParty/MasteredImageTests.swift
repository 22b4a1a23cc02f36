import ISO9660
import TestSupport
import Testing

/// Images made at test time by xorriso and genisoimage are read by isokit as the source tree, and as bsdtar and
/// xorriso read them.
@Suite("Third-party images: xorriso and genisoimage")
struct MasteredImageTests {
    /// What a reader of `maker`'s image should report of the source: everything, or without modes for `-r`.
    static func fields(_ maker: MasteredTree.Maker) -> ListedFields {
        maker.keepsModes ? .all : ListedFields.all.subtracting(.permissions)
    }

    @Test("isokit's walk sees the source tree", .oracles("xorriso", "genisoimage"), arguments: MasteredTree.Maker.allCases)
    func walk(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let source = try HostTree.scan(tree.source)
        ListingCompare.expectSame(
            try OracleReaders.isokit(tree.image), HostTree.listing(source), reader: "isokit walk", fields: Self.fields(maker))
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
        try await ReaderAgreement.expectListingsAgree(tree.image, devices: maker.devTDeviceNumbers)
    }

    @Test("isokit and bsdtar extract the same tree, and it is the source tree",
          .oracles("xorriso", "genisoimage", "bsdtar"), arguments: MasteredTree.Maker.allCases)
    func extraction(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let (files, root) = try await ReaderAgreement.expectExtractionsAgree(
            tree.image, in: tree.directory, devices: maker.devTDeviceNumbers)
        let source = try HostTree.scan(tree.source)
        ListingCompare.expectSame(
            HostTree.listing(files), HostTree.listing(source), reader: "isokit extract", fields: Self.fields(maker))
        #expect(try HostTree.checksums(files, under: root) == (try HostTree.checksums(source, under: tree.source)))
        #expect(HostTree.hardLinkGroups(files) == HostTree.hardLinkGroups(source))
    }

    @Test("the relocation directory: hidden by isokit and bsdtar; xorriso lists it unless it is marked RE",
          .oracles("xorriso", "genisoimage"), arguments: MasteredTree.Maker.allCases)
    func relocation(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let plain = try OracleReaders.isokit(tree.image, namespace: .iso9660)
        // ECMA-119 §6.8.2.1: at most 8 levels with the root, so no plain path has more than 8 components.
        let relocated = (plain.keys.map { $0.description.split(separator: "/").count }.max() ?? 0) <= 8
        #expect(relocated == [.xorrisoRelocated, .genisoimage, .genisoimageRationalized].contains(maker))
        let isokit = try OracleReaders.isokit(tree.image)
        #expect(isokit[RawPath("rr_moved")] == nil && isokit[RawPath(".rr_moved")] == nil)
        let xorriso = try await OracleReaders.xorriso(tree.image)
        #expect((xorriso[RawPath("rr_moved")] != nil) == (maker == .genisoimage))
        #expect((xorriso[RawPath(".rr_moved")] != nil) == (maker == .genisoimageRationalized))
    }

    @Test("the Joliet tree: isokit's names and sizes are 7-Zip's and pycdlib's", .oracles("xorriso", "genisoimage", "7z", "python3"),
          arguments: MasteredTree.Maker.allCases)
    func joliet(maker: MasteredTree.Maker) async throws {
        let tree = try await MasteredTree.make(maker)
        let isokit = try OracleReaders.isokit(tree.image, namespace: .joliet)
        let sevenZip = try await OracleReaders.sevenZip(tree.image)
        ListingCompare.expectSame(sevenZip, isokit, reader: "7z l -slt", fields: [.kind, .size])
        let pycdlib = try await PycdlibReport.read(tree.image, contentLimit: 0)
        ListingCompare.expectSame(pycdlib.jolietListing, isokit, reader: "pycdlib joliet_path", fields: [.kind, .size])
        // UTF-16 keeps the emoji; UCS-2 can't.
        #expect((isokit[RawPath("😀-emoji.txt")] != nil) == (maker == .xorrisoUTF16))
    }
}
