import ISO9660
import TestSupport
import Testing

/// isoinfo (genisoimage's reader) reads what isokit wrote.
@Suite("Round trip: isoinfo")
struct IsoinfoRoundTripTests {
    @Test("-R -l lists the source's names, kinds, modes, sizes and link targets", .oracles("isoinfo"))
    func rockRidge() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let listing = try await OracleReaders.isoinfo(image, extensions: "-R").withoutEmptyRelocationDirectory()
        // isoinfo prints no set-ID or sticky bits (not for genisoimage's images either).
        ListingCompare.expectSame(
            listing, try tree.listing().withoutSpecialBits(), reader: "isoinfo -R -l", fields: .allButDevices)
    }

    /// How isoinfo prints a Joliet path by default: one ISO 8859-1 character per UCS-2 unit, `_` beyond U+00FF.
    static func latin1(_ path: RawPath) -> RawPath {
        RawPath(String(path.description.utf16.map { $0 <= 0xFF ? Character(Unicode.Scalar(UInt8($0))) : "_" }))
    }

    @Test("-J -l lists every file under a Joliet name of at most 64 characters, as isokit's Joliet walk does",
          .oracles("isoinfo"))
    func joliet() async throws {
        let tree = try OddTree()
        let image = try tree.create()
        let listing = try await OracleReaders.isoinfo(image, extensions: "-J")
        let walk = try OracleReaders.isokit(image, namespace: .joliet)
        let rendered = Listing(uniqueKeysWithValues: walk.map { (Self.latin1($0.key), $0.value) })
        ListingCompare.expectSame(listing, rendered, reader: "isoinfo -J -l", fields: [.kind, .size])
        let tooLong = walk.keys.filter { $0.name.utf16.count > 64 }
        #expect(tooLong.isEmpty, "Joliet names over 64 UCS-2 units: \(tooLong)")
        #expect(listing.keys.allSatisfy { $0.name.count <= 64 })

        // One Joliet name per source file; names that fit keep every character, decomposed ones too. Joliet
        // allows no control characters and none of * / : ; ? \ (Joliet §3.3), nor anything beyond UCS-2.
        let source = try tree.listing()
        #expect(walk.count == source.count)
        let fitting = source.keys.filter { path in
            path.description.split(separator: "/").allSatisfy { component in
                component.utf16.count <= 64 && component.unicodeScalars.allSatisfy { scalar in
                    scalar.value <= 0xFFFF && scalar.value >= 0x20 && !"*:;?\\".unicodeScalars.contains(scalar)
                }
            }
        }
        let lost = fitting.filter { walk[$0] == nil }.sorted()
        #expect(lost.isEmpty, "names that fit Joliet but changed: \(lost)")
        let truncated = try #require(walk.keys.first { $0.name.hasPrefix("long-name-") })
        #expect(truncated.name == String(OddTree.longName.prefix(64)))
    }

    @Test("-d shows the volume ID, the block count and both extensions", .oracles("isoinfo"))
    func descriptor() async throws {
        let tree = try OddTree()
        var options = ISOWriterOptions()
        options.volumeID = "ODD_TREE_2024"
        let image = tree.directory.path("volume.iso")
        let report = try ISOCreator.create(from: tree.source, to: image, options: options)
        let text = try await Tool.run("isoinfo", ["-d", "-i", image]).stdout
        #expect(text.contains("\nVolume id: ODD_TREE_2024\n"))
        #expect(text.contains("\nVolume size is: \(report.volumeBlocks)\n"))
        #expect(text.contains("\nLogical block size is: 2048\n"))
        #expect(text.contains("Joliet with UCS level 3 found") && text.contains("Rock Ridge signatures version 1 found"))
        #expect(Int64(report.volumeBlocks) * 2048 == report.bytes)
    }
}
