import BinaryIO
import ISO9660
import TestSupport
import Testing

/// Images without Joliet or without Rock Ridge (`--no-joliet`, `--no-rock-ridge`) are read by isoinfo.
@Suite("Round trip: without Joliet or Rock Ridge")
struct NamespaceVariantTests {
    /// The plain ISO 9660 name as isokit reports it: without `;1` and without a trailing dot.
    static func plain(_ path: RawPath) -> RawPath {
        RawPath(path.description.split(separator: "/").map { component -> Substring in
            var name = component
            if let semicolon = name.lastIndex(of: ";") { name = name[..<semicolon] }
            if name.hasSuffix(".") { name = name.dropLast() }
            return name
        }.joined(separator: "/"))
    }

    static func create(_ tree: OddTree, rockRidge: Bool, joliet: Bool) throws -> String {
        var options = ISOWriterOptions()
        options.rockRidge = rockRidge
        options.joliet = joliet
        return try tree.create("rr-\(rockRidge)-joliet-\(joliet).iso", options: options)
    }

    @Test("without Joliet: isoinfo finds Rock Ridge only and lists the source", .oracles("isoinfo"))
    func withoutJoliet() async throws {
        let tree = try OddTree()
        let image = try Self.create(tree, rockRidge: true, joliet: false)
        let info = try await Tool.run("isoinfo", ["-d", "-i", image]).stdout
        #expect(info.contains("NO Joliet present") && info.contains("Rock Ridge signatures version 1 found"))
        let joliet = try await Tool.runAllowingFailure("isoinfo", ["-J", "-l", "-i", image])
        #expect(joliet.stderr.contains("Unable to find Joliet SVD"))
        let listing = try await OracleReaders.isoinfo(image, extensions: "-R").withoutEmptyRelocationDirectory()
        ListingCompare.expectSame(
            listing, try tree.listing().withoutSpecialBits(), reader: "isoinfo -R -l without Joliet",
            fields: .allButDevices)
        let reader = try ISOImage(path: image)
        #expect(reader.joliet == nil && reader.namespace == .rockRidge)
        #expect(throws: ImageError.self) { try ISOImage(path: image, namespace: .joliet) }
    }

    @Test("without Rock Ridge: isoinfo finds Joliet only; its plain and Joliet listings match isokit's",
          .oracles("isoinfo"))
    func withoutRockRidge() async throws {
        let tree = try OddTree()
        let image = try Self.create(tree, rockRidge: false, joliet: true)
        let info = try await Tool.run("isoinfo", ["-d", "-i", image]).stdout
        #expect(info.contains("NO Rock Ridge present") && info.contains("Joliet with UCS level 3 found"))
        let reader = try ISOImage(path: image)
        #expect(!reader.hasRockRidge && reader.namespace == .joliet)

        let joliet = try await OracleReaders.isoinfo(image, extensions: "-J")
        let jolietWalk = try OracleReaders.isokit(image, namespace: .joliet)
        let rendered = Listing(uniqueKeysWithValues: jolietWalk.map { (IsoinfoRoundTripTests.latin1($0.key), $0.value) })
        ListingCompare.expectSame(joliet, rendered, reader: "isoinfo -J -l without Rock Ridge", fields: [.kind, .size])
        #expect(jolietWalk.count == (try tree.listing()).count)

        let plainListing = try await OracleReaders.isoinfo(image, extensions: nil)
        let plain = Listing(uniqueKeysWithValues: plainListing.map { (Self.plain($0.key), $0.value) })
        ListingCompare.expectSame(
            plain, try OracleReaders.isokit(image, namespace: .iso9660), reader: "isoinfo -l without Rock Ridge",
            fields: [.kind, .size])
    }

    @Test("with neither: a plain ISO 9660 tree that isoinfo and isokit list alike", .oracles("isoinfo"))
    func plainOnly() async throws {
        let tree = try OddTree()
        let image = try Self.create(tree, rockRidge: false, joliet: false)
        let info = try await Tool.run("isoinfo", ["-d", "-i", image]).stdout
        #expect(info.contains("NO Rock Ridge present") && info.contains("NO Joliet present"))
        let reader = try ISOImage(path: image)
        #expect(reader.namespace == .iso9660)
        let listed = try await OracleReaders.isoinfo(image, extensions: nil)
        let plain = Listing(uniqueKeysWithValues: listed.map { (Self.plain($0.key), $0.value) })
        let walk = try OracleReaders.isokit(image)
        ListingCompare.expectSame(plain, walk, reader: "isoinfo -l, plain ISO 9660", fields: [.kind, .size])
        // d-characters only (ECMA-119 §7.4.1), at most 8.3 plus version or 31 for level 2.
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./")
        #expect(walk.keys.allSatisfy { $0.description.allSatisfy(allowed.contains) })
    }
}
