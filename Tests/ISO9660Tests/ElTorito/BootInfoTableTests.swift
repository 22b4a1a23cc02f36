import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("BootInfoTable")
struct BootInfoTableTests {
    @Test("round trip")
    func roundTrip() throws {
        let table = BootInfoTable(bootFileLBA: 754, bootFileLength: 8192, checksum: 0x90B7_30BC)
        let bytes = table.encode()
        #expect(bytes.count == 56 && Array(bytes[0..<4]) == [16, 0, 0, 0])
        #expect(try BootInfoTable(bytes: bytes[...], at: 8) == table)
        #expect(throws: DecodeError.truncated(structure: "boot info table", offset: 8, needed: 56, available: 55)) {
            try BootInfoTable(bytes: bytes[0..<55], at: 8)
        }
    }

    @Test("the checksum skips 64 bytes, sums LE words, zero-pads the end, and streams in any chunks")
    func checksum() {
        var file = Array(repeating: UInt8(0xFF), count: 64) + [1, 0, 0, 0, 2, 0, 0, 1, 3]
        #expect(BootInfoTable.checksum(of: file) == 1 + 0x0100_0002 + 3)
        file = BootFixture.pattern(count: 10_007, seed: 3)
        var sum = BootInfoTable.Checksum()
        for start in stride(from: 0, to: file.count, by: 333) { sum.update(file[start..<min(start + 333, file.count)]) }
        #expect(sum.value == BootInfoTable.checksum(of: file))
    }

    @Test("xorriso's patched boot image is reproduced byte-exact",
          .oracles("xorriso", "mkfs.fat"),
          arguments: [BootFixture.Recipe.plain, .grubHybrid])
    func fixture(recipe: BootFixture.Recipe) async throws {
        let fixture = try await BootFixture(recipe)
        let lba = try ElToritoCatalogTests.catalogLBA(fixture)
        let catalog = try ElToritoCatalog.read(from: ImageReader(path: fixture.iso), catalogLBA: lba)
        let bootLBA = catalog.defaultEntry.loadLBA
        let patched = try fixture.bytes(at: Int64(bootLBA) * 2048, count: fixture.bootImage.count)
        let table = try BootInfoTable(bytes: patched[8...], at: Int64(bootLBA) * 2048 + 8)
        #expect(table.pvdLBA == 16 && table.bootFileLBA == bootLBA)
        #expect(table.bootFileLength == UInt32(fixture.bootImage.count))

        var head = fixture.bootImage
        if recipe == .grubHybrid { GRUB2BootInfo(bootImageLBA: bootLBA).patch(&head) }
        let ours = BootInfoTable(
            bootFileLBA: bootLBA, bootFileLength: UInt32(head.count), checksum: BootInfoTable.checksum(of: head))
        ours.patch(&head)
        #expect(ours == table)
        #expect(head == patched)
    }
}
