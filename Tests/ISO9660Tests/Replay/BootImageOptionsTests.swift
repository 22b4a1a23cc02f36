import BinaryIO
import Foundation
import ISO9660
import TestSupport
import Testing

/// Boot images given as bytes, with catalog fields other than the defaults: written outside the tree, read back by
/// ``BootSetup``, and rewritten to the same catalog.
@Suite("BootImageOptions: images as bytes and catalog fields")
struct BootImageOptionsTests {
    static let bios = BootFixture.pattern(count: 8192, seed: 11)
    static let other = BootFixture.pattern(count: 3000, seed: 13)
    static let criteria: [UInt8] = [1] + Array("isokit replay".utf8) + [0, 0, 0, 0, 0, 0]

    /// Writes a tree with one text file and two boot images given as bytes: BIOS with a boot info table, and a
    /// PowerPC entry that is not bootable, with a load segment and selection criteria.
    static func write(in directory: TemporaryDirectory) throws -> String {
        let tree = directory.path("tree")
        try FileTree.write(["hello.txt": .text("hello\n")], under: tree)
        var options = ISOWriterOptions()
        options.sourceDateEpoch = 1_700_000_000
        var bios = BootImageOptions(firmware: .bios, path: "bios image", bootInfoTable: true)
        bios.contents = Self.bios
        var other = BootImageOptions(firmware: .bios, path: "PowerPC image", loadSectors: 6)
        other.contents = Self.other
        other.platform = .powerPC
        other.bootable = false
        other.loadSegment = 0x1000
        other.selectionCriteria = criteria
        options.bootImages = [bios, other]
        let image = directory.path("bytes.iso")
        _ = try ISOCreator.create(from: tree, to: image, options: options)
        return image
    }

    @Test("images given as bytes lie outside the tree and read back with their fields")
    func writtenOutsideTheTree() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootbytes")
        let path = try Self.write(in: directory)
        let image = try ISOImage(path: path)
        let setup = try BootSetup(image: image)
        try #require(setup.entries.count == 2)
        let (bios, other) = (setup.entries[0], setup.entries[1])
        #expect(bios.treePath == nil && other.treePath == nil)
        #expect(bios.bootInfoTable && !bios.grub2BootInfo)
        #expect(bios.imageBytes == 8192 && bios.sizeSource == .bootInfoTable)
        #expect(other.platform == .powerPC && other.section == 0 && !other.bootable)
        #expect(other.loadSegment == 0x1000 && other.sectorCount == 6 && other.selectionCriteria == Self.criteria)
        #expect(other.imageBytes == 3072 && other.sizeSource == .sectorCount)
        // The bytes are there as given, but for the boot info table the writer patched into bytes 8–63.
        let written = try image.reader.read(at: Int64(bios.loadLBA) * 2048, count: 8192, structure: "boot image")
        #expect(Array(written[64...]) == Array(Self.bios[64...]))
        #expect(Array(written[..<8]) == Array(Self.bios[..<8]))
        let second = try image.reader.read(at: Int64(other.loadLBA) * 2048, count: 3000, structure: "boot image")
        #expect(second == Self.other)
        // Neither image is a file of the tree.
        #expect(try image.list(image.root()).map(\.name) == ["hello.txt"])
    }

    @Test("rewritten with its captured setup, the catalog is the same but for load LBAs", .oracles("xorriso"))
    func rewriteKeepsTheCatalog() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootbytes")
        let input = try Self.write(in: directory)
        let (output, replay) = try BootReplayTests.rewrite(input, in: directory)
        #expect(replay.extractedEntries == [0, 1])
        #expect(replay.notReplayed.isEmpty)
        func catalog(_ path: String) throws -> ElToritoCatalog {
            let image = try ISOImage(path: path)
            var catalog = try ElToritoCatalog.read(
                from: image.reader, catalogLBA: try #require(image.bootRecord?.bootCatalogLBA))
            catalog.defaultEntry.loadLBA = 0
            for section in catalog.sections.indices {
                for entry in catalog.sections[section].entries.indices { catalog.sections[section].entries[entry].loadLBA = 0 }
            }
            return catalog
        }
        #expect(try catalog(output) == catalog(input))
        let report = try await Tool.run(
            "xorriso", ["-indev", output, "-report_el_torito", "plain"], environment: OracleReaders.environment)
        #expect(BootReports.rows(report.stdout, "El Torito boot img :").count == 2, "\(report.stdout)")
        // xorriso looks for boot info tables in tree files only; the capture finds it patched for the new LBA.
        let again = try BootSetup(image: try ISOImage(path: output))
        #expect(again.entries.first?.bootInfoTable == true)
        #expect(again.entries.first?.imageBytes == 8192)
    }

    @Test("MBR boot code given as bytes must be 432 to 512 bytes", arguments: [100, 431, 513])
    func mbrBootCodeSize(count: Int) throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootbytes")
        try FileTree.write(["hello.txt": .text("hello\n")], under: directory.path("tree"))
        var options = ISOWriterOptions()
        var bios = BootImageOptions(firmware: .bios, path: "bios image")
        bios.contents = Self.bios
        options.bootImages = [bios]
        options.hybrid = true
        options.mbrBootCodeBytes = Array(repeating: 0x90, count: count)
        #expect(throws: ISO9660Error.unrepresentable(path: "MBR boot code", reason: "must be 432 to 512 bytes, not \(count)")) {
            try ISOCreator.create(from: directory.path("tree"), to: directory.path("out.iso"), options: options)
        }
    }
}
