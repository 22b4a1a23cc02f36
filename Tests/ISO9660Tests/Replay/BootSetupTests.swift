import BinaryIO
import DiskFormats
import Foundation
import ISO9660
import TestSupport
import Testing

/// ``BootSetup`` captures what xorriso's `-report_el_torito` and `-report_system_area` see in images made by
/// grub-mkrescue, xorriso, Debian's packages and isokit itself.
@Suite("BootSetup")
struct BootSetupTests {
    @Test("each El Torito entry, its image path, size and patches agree with xorriso", .oracles("xorriso"),
          arguments: ReplayFixture.available)
    func entriesMatchXorriso(fixture: ReplayFixture) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootsetup")
        let path = try await fixture.make(in: directory)
        let setup = try BootSetup(image: try ISOImage(path: path))
        let report = try await Tool.run(
            "xorriso", ["-indev", path, "-report_el_torito", "plain"], environment: OracleReaders.environment
        ).stdout
        let rows = BootReports.rows(report, "El Torito boot img :")
        try #require(rows.count == setup.entries.count, "\(report)")
        let paths = Dictionary(uniqueKeysWithValues: BootReports.rows(report, "El Torito img path :").map { ($0[0], $0[1]) })
        let options = Dictionary(
            uniqueKeysWithValues: BootReports.rows(report, "El Torito img opts :").map { ($0[0], Set($0.dropFirst())) })
        for (index, entry) in setup.entries.enumerated() {
            let row = rows[index]
            let number = String(index + 1)
            #expect(row[1] == entry.platform.description, "\(row)")
            #expect(row[2] == (entry.bootable ? "y" : "n"))
            #expect(row[6] == String(entry.sectorCount))
            #expect(row[7] == String(entry.loadLBA))
            // xorriso names the tree file of an image inside the tree, none for an appended one.
            #expect(paths[number] == entry.treePath, "entry \(number): \(report)")
            #expect(options[number, default: []].contains("boot-info-table") == entry.bootInfoTable, "\(report)")
            #expect(options[number, default: []].contains("grub2-boot-info") == entry.grub2BootInfo, "\(report)")
            #expect(entry.imageBytes > 0)
        }
        #expect(setup.catalogLBA.map(String.init) == BootReports.rows(report, "El Torito catalog  :").first?.first)
    }

    @Test("sizes, appended partitions and the MBR boot code", .oracles("xorriso", "mkfs.fat"),
          arguments: ReplayFixture.available)
    func systemArea(fixture: ReplayFixture) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootsetup")
        let path = try await fixture.make(in: directory)
        let setup = try BootSetup(image: try ISOImage(path: path))
        let appended = setup.systemArea.appendedPartitions
        switch fixture {
        case .xorrisoAppended, .isokitAppended:
            try #require(appended.count == 1, "\(appended)")
            #expect(appended[0].bootEntry == 1)
            #expect(appended[0].table == .gpt)
            #expect(appended[0].typeGUID == .efiSystemPartition)
            let efi = setup.entries[1]
            #expect(efi.isAppended && efi.treePath == nil)
            #expect(efi.sizeSource == .fatBootSector)
            #expect(efi.imageBytes == Int64(appended[0].sectorCount) * 512)
            #expect(setup.systemArea.mbrBootImageAddress == .grub2)
        case .grubMkrescue, .grubRescue:
            #expect(appended.isEmpty)
            #expect(setup.systemArea.mbrBootImageAddress == .grub2)
            #expect(setup.entries.allSatisfy { $0.sizeSource == .treeFile })
            #expect(setup.systemArea.hasApplePartitionMap == (fixture == .grubMkrescue))
            #expect(setup.catalogPath == "/boot.catalog")
        case .ipxe:
            #expect(appended.isEmpty)
            #expect(setup.systemArea.mbrBootImageAddress == .isohybrid)
            #expect(setup.catalogPath == "/boot.cat")
        case .isokitHybrid:
            #expect(appended.isEmpty)
            #expect(setup.systemArea.mbrBootCode == nil)
            #expect(setup.catalogPath == nil)
        }
        let code = try ISOImage(path: path).reader.read(at: 0, count: 432, structure: "MBR")
        if let captured = setup.systemArea.mbrBootCode { #expect(captured == code) }
    }

    @Test("a setup survives JSON", arguments: ReplayFixture.available.filter { !$0.rawValue.hasPrefix("xorriso") })
    func codable(fixture: ReplayFixture) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootsetup")
        let setup = try BootSetup(image: try ISOImage(path: try await fixture.make(in: directory)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let decoded = try JSONDecoder().decode(BootSetup.self, from: try encoder.encode(setup))
        #expect(decoded == setup)
    }

    @Test("a damaged catalog key byte is that error", .oracles("mkfs.fat"))
    func damagedCatalog() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bootsetup")
        let path = try await ReplayFixture.isokitImage(appended: false, in: directory)
        let catalogLBA = try #require(try BootSetup(image: try ISOImage(path: path)).catalogLBA)
        let keyOffset = Int64(catalogLBA) * 2048 + 30
        try directory.write([0x54], to: "isokit-hybrid.iso", at: keyOffset)
        let expected = ISO9660Error.decode(.badSignature(
            structure: "El Torito validation entry", offset: keyOffset, expected: [0x55, 0xAA], found: [0x54, 0xAA]))
        let error = try #require(throws: ImageError.self) { try BootSetup(image: try ISOImage(path: path)) }
        #expect(error.underlying as? ISO9660Error == expected, "\(error)")
    }
}
