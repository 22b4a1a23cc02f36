import Foundation
import ISO9660
import TestSupport
import Testing

/// isokit reads back what isokit wrote: the walk and the extractor see the source tree.
@Suite("Round trip: isokit reader and extractor")
struct IsokitRoundTripTests {
    @Test("the source tree holds what the other tests rely on")
    func fixture() throws {
        let tree = try OddTree()
        let listing = try tree.listing()
        let kinds = Dictionary(grouping: listing.values, by: \.kind).mapValues(\.count)
        var expected: [EntryKind: Int] = [.regular: 36, .directory: 15, .symlink: 6, .fifo: 1]
        if OddTree.makesDevices { (expected[.characterDevice], expected[.blockDevice]) = (2, 1) }
        #expect(kinds == expected)
        // The decomposed name keeps its bytes: U+0301 after a plain e.
        #expect(listing[RawPath(bytes: Array("e\u{301}cole-nfd.txt".utf8))] != nil)
        #expect(listing.keys.contains { $0.bytes.starts(with: [0x65, 0xCC, 0x81]) })
        #expect(try tree.scan()[RawPath(OddTree.sparseName)].map { $0.allocatedBytes < 1 << 20 } == true)
    }

    @Test("the walk sees every name, kind, mode, size, link target, time and content of the source")
    func walk() throws {
        let tree = try OddTree()
        let image = try ISOImage(path: try tree.create())
        #expect(image.namespace == .rockRidge && image.hasRockRidge && image.joliet != nil)
        ListingCompare.expectSame(try OracleReaders.isokit(image.path), try tree.listing(), reader: "isokit walk")

        var entries: [RawPath: ISOEntry] = [:]
        try image.walk(from: image.root()) { entries[RawPath($0.path.dropFirst())] = $0 }
        let stale = entries.filter { $0.value.modificationTime != OddTree.time(of: $0.key) }.keys.sorted()
        #expect(stale.isEmpty, "modification times differ: \(stale)")

        let links = try OddTree.hardLinks.map { try #require(entries[RawPath($0)]) }
        #expect(links.allSatisfy { $0.links == 3 && $0.extents == links[0].extents && $0.serial == links[0].serial })
        #expect(Set(links.compactMap(\.serial)).count == 1)

        let expected = try tree.checksums()
        let actual = try ImageContents.checksums(image)
        #expect(actual == expected)
    }

    @Test("extract --all writes the source tree back: names, kinds, modes, sizes, targets, times, contents, links")
    func extractAll() throws {
        let tree = try OddTree()
        let image = try ISOImage(path: try tree.create())
        let target = tree.directory.path("extracted")
        let summary = try Extractor(image: image).extract(["/"], to: target)
        #expect(summary.skipped.isEmpty)
        #expect(summary.symlinks == OddTree.symlinks.count)
        #expect(summary.specialFiles == 1 + (OddTree.makesDevices ? OddTree.devices.count : 0))

        let source = try tree.scan()
        let extracted = try HostTree.scan(target)
        ListingCompare.expectSame(HostTree.listing(extracted), HostTree.listing(source), reader: "isokit extract")
        let stale = extracted.filter { $0.value.modificationTime != OddTree.time(of: $0.key) }.keys.sorted()
        #expect(stale.isEmpty, "modification times differ: \(stale)")
        #expect(HostTree.hardLinkGroups(extracted) == HostTree.hardLinkGroups(source))
        #expect(try HostTree.checksums(extracted, under: target) == (try tree.checksums()))

        let sparse = try #require(extracted[RawPath(OddTree.sparseName)])
        #expect(sparse.listed.size == OddTree.sparseSize)
        #expect(sparse.allocatedBytes < 64 << 20, "the extracted sparse file takes \(sparse.allocatedBytes) bytes")
        for (offset, bytes) in OddTree.sparseRegions {
            #expect(try HostTree.bytes(of: target + "/" + OddTree.sparseName, at: offset, count: bytes.count) == bytes)
        }
    }

    @Test("hard links of empty files survive extraction, as xorriso -hardlinks on restores them", .oracles("xorriso"))
    func emptyHardLinks() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-empty-links")
        let source = directory.path("source")
        try FileManager.default.createDirectory(atPath: source + "/sub", withIntermediateDirectories: true)
        try FileTree.write(["empty": .file([]), "other-empty": .file([]), "data": .text("x\n")], under: source)
        for (target, name) in [("empty", "sub/empty-2"), ("empty", "empty-3"), ("data", "sub/data-2")] {
            #expect(link(source + "/" + target, source + "/" + name) == 0)
        }
        let image = directory.path("links.iso")
        _ = try ISOCreator.create(from: source, to: image, options: ISOWriterOptions())
        let ours = directory.path("isokit")
        _ = try Extractor(image: try ISOImage(path: image)).extract(["/"], to: ours)
        let theirs = directory.path("xorriso")
        try await Tool.run(
            "xorriso", ["-osirrox", "on", "-hardlinks", "on", "-indev", image, "-extract", "/", theirs],
            environment: OracleReaders.environment)
        let expected = HostTree.hardLinkGroups(try HostTree.scan(source))
        #expect(expected.count == 2)
        #expect(HostTree.hardLinkGroups(try HostTree.scan(ours)) == expected)
        #expect(HostTree.hardLinkGroups(try HostTree.scan(theirs)) == expected)
    }

    @Test("single paths extract as their base name; a directory brings its subtree")
    func extractSome() throws {
        let tree = try OddTree()
        let image = try ISOImage(path: try tree.create())
        let target = tree.directory.path("some")
        let deep = "/" + OddTree.deepChain
        _ = try Extractor(image: image).extract(["/sub", deep, "/été-café.txt", "/dangling"], to: target)
        let extracted = HostTree.listing(try HostTree.scan(target))
        let source = try tree.listing()
        var expected: Listing = [:]
        for (path, file) in source {
            if path.bytes.starts(with: Array("sub".utf8)) { expected[path] = file }
            if path.bytes.starts(with: Array((OddTree.deepChain + "/").utf8)) || path == RawPath(OddTree.deepChain) {
                expected[RawPath(path.description.dropFirst(OddTree.deepChain.count - 3))] = file
            }
        }
        expected[RawPath("été-café.txt")] = source[RawPath("été-café.txt")]
        expected[RawPath("dangling")] = source[RawPath("dangling")]
        ListingCompare.expectSame(extracted, expected, reader: "isokit extract of single paths")
    }
}
