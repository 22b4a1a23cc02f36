import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ISO9660

@Suite("ElToritoCatalog")
struct ElToritoCatalogTests {
    /// xorriso's `-report_el_torito plain` boot image rows: N, platform, bootable, emulation, load segment,
    /// system type, load size, LBA.
    static func xorrisoImages(_ fixture: BootFixture) async throws -> [[String]] {
        try await fixture.report("el_torito", lines: "El Torito boot img ")
    }

    static func catalogLBA(_ fixture: BootFixture) throws -> UInt32 {
        let sector = try fixture.bytes(at: 17 * 2048, count: 2048)
        return try BootRecordVolumeDescriptor(bytes: sector[...], at: 17 * 2048).bootCatalogLBA
    }

    static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }

    @Test("xorriso catalogs decode as xorriso reports them, re-encode and rebuild byte-exact",
          .oracles("xorriso", "mkfs.fat"),
          arguments: [BootFixture.Recipe.plain, .grubHybrid, .multiSection])
    func fixture(recipe: BootFixture.Recipe) async throws {
        let fixture = try await BootFixture(recipe)
        let lba = try Self.catalogLBA(fixture)
        let catalog = try ElToritoCatalog.read(from: ImageReader(path: fixture.iso), catalogLBA: lba)
        let rows = try await Self.xorrisoImages(fixture)
        let images = catalog.bootImages
        #expect(rows.count == (recipe == .multiSection ? 4 : 2))
        #expect(images.count == rows.count)
        for (image, row) in zip(images, rows) {
            #expect(row.count == 8)
            #expect(row[1] == (image.platform == .efi ? "UEFI" : "BIOS"))
            #expect(row[2] == (image.bootable ? "y" : "n"))
            #expect(row[3] == "none" && image.mediaType == .noEmulation)
            #expect(row[4] == Self.hex4(image.loadSegment))
            #expect(row[5] == "0x" + (image.systemType < 16 ? "0" : "") + String(image.systemType, radix: 16))
            #expect(row[6] == "\(image.sectorCount)")
            #expect(row[7] == "\(image.loadLBA)")
        }
        let sector = try fixture.bytes(at: Int64(lba) * 2048, count: 2048)
        #expect(catalog.encode() == sector)

        let specs = images.map {
            ElToritoBootImageSpec(platform: $0.platform, loadLBA: $0.loadLBA, sectorCount: $0.sectorCount)
        }
        #expect(ElToritoCatalog.build(entries: specs).encode() == sector)
        if recipe == .multiSection {
            #expect(catalog.sections.map(\.header.platform) == [.efi, .x86])
            #expect(catalog.sections.map(\.entries.count) == [2, 1])
            #expect(catalog.sections.map(\.header.isFinal) == [false, true])
        }
    }

    @Test("build: BIOS then UEFI is a default entry and one final UEFI section")
    func buildBIOSAndUEFI() throws {
        let catalog = ElToritoCatalog.build(entries: [
            ElToritoBootImageSpec(platform: .x86, loadLBA: 754, sectorCount: 4),
            ElToritoBootImageSpec(platform: .efi, loadLBA: 32, sectorCount: 2880),
        ])
        #expect(catalog.validation.platform == .x86)
        #expect(catalog.sections.count == 1 && catalog.sections[0].header.isFinal)
        let bytes = catalog.encode()
        #expect(bytes.count == 2048)
        #expect(try ElToritoCatalog(bytes: bytes[...], at: 0) == catalog)
        #expect(catalog.bootImages.map(\.section) == [nil, 0])
        let single = ElToritoCatalog.build(entries: [ElToritoBootImageSpec(platform: .efi, loadLBA: 20, sectorCount: 8)])
        #expect(single.sections.isEmpty && single.validation.platform == .efi)
        #expect(try ElToritoCatalog(bytes: single.encode()[...], at: 0) == single)
    }

    @Test("a catalog over several sectors is read whole")
    func multiSector() throws {
        let scratch = try TemporaryDirectory()
        let specs = [ElToritoBootImageSpec(platform: .x86, loadLBA: 100, sectorCount: 4)]
            + (0..<100).map { ElToritoBootImageSpec(platform: .efi, loadLBA: 200 + UInt32($0), sectorCount: 1) }
        let catalog = ElToritoCatalog.build(entries: specs)
        let bytes = catalog.encode()
        #expect(bytes.count == 4096)
        let image = try scratch.sparseFile("catalog.img", size: 40 * 2048)
        try scratch.write(bytes, to: "catalog.img", at: 20 * 2048)
        let decoded = try ElToritoCatalog.read(from: ImageReader(path: image), catalogLBA: 20)
        #expect(decoded == catalog && decoded.bootImages.count == 101)
    }

    @Test("a catalog that never ends stops at the sector limit")
    func endless() throws {
        let scratch = try TemporaryDirectory()
        var bytes = ElToritoValidationEntry(platform: .x86).encode() + ElToritoBootEntry(sectorCount: 4, loadLBA: 9).encode()
        let empty = ElToritoSectionHeader(isFinal: false, platform: .efi, entryCount: 0).encode()
        while bytes.count < 40 * 2048 { bytes += empty }
        let image = try scratch.sparseFile("endless.img", size: 60 * 2048)
        try scratch.write(bytes, to: "endless.img", at: 10 * 2048)
        #expect(
            throws: ISO9660Error.decode(
                .truncated(structure: "El Torito section header", offset: 42 * 2048, needed: 32, available: 0))
        ) { try ElToritoCatalog.read(from: ImageReader(path: image), catalogLBA: 10) }
    }

    @Test("a damaged validation entry in an image is an ISO 9660 error")
    func damaged() throws {
        let scratch = try TemporaryDirectory()
        var bytes = ElToritoCatalog.build(entries: [ElToritoBootImageSpec(platform: .x86, loadLBA: 9, sectorCount: 4)])
            .encode()
        bytes[31] = 0xAB
        let image = try scratch.sparseFile("damaged.img", size: 20 * 2048)
        try scratch.write(bytes, to: "damaged.img", at: 18 * 2048)
        #expect(
            throws: ISO9660Error.decode(
                .badSignature(
                    structure: "El Torito validation entry", offset: 18 * 2048 + 30, expected: [0x55, 0xAA],
                    found: [0x55, 0xAB]))
        ) { try ElToritoCatalog.read(from: ImageReader(path: image), catalogLBA: 18) }
        #expect(
            throws: ISO9660Error.decode(
                .truncated(structure: "El Torito boot catalog", offset: 20 * 2048, needed: 2048, available: 0))
        ) { try ElToritoCatalog.read(from: ImageReader(path: image), catalogLBA: 20) }
    }
}
