import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("GRUB2BootInfo")
struct GRUB2BootInfoTests {
    @Test("LBA × 4 + 5, 64-bit little-endian, and back")
    func value() throws {
        let info = GRUB2BootInfo(bootImageLBA: 754)
        #expect(info.blockAddress == 3021)
        #expect(info.encode() == [0xCD, 0x0B, 0, 0, 0, 0, 0, 0])
        #expect(try GRUB2BootInfo(bytes: info.encode()[...], at: 2548) == info)
        #expect(info.bootImageLBA == 754)
        #expect(GRUB2BootInfo(bytes: 6).bootImageLBA == nil)
    }

    @Test("patch writes bytes 2548–2555 only")
    func patch() {
        var head = Array(repeating: UInt8(0xEE), count: 4096)
        GRUB2BootInfo(bootImageLBA: 1).patch(&head)
        #expect(Array(head[2548..<2556]) == [9, 0, 0, 0, 0, 0, 0, 0])
        #expect(head[2547] == 0xEE && head[2556] == 0xEE)
    }

    @Test("xorriso --grub2-boot-info wrote the same value",
          .oracles("xorriso", "mkfs.fat"))
    func fixture() async throws {
        let fixture = try await BootFixture(.grubHybrid)
        let rows = try await ElToritoCatalogTests.xorrisoImages(fixture)
        let text = try #require(rows.first?.last)
        let lba = try #require(UInt32(text))
        let field = try fixture.bytes(at: Int64(lba) * 2048 + 2548, count: 8)
        #expect(try GRUB2BootInfo(bytes: field[...], at: 0) == GRUB2BootInfo(bootImageLBA: lba))
    }
}

extension GRUB2BootInfo {
    /// A value with a raw block address.
    init(bytes blockAddress: UInt64) {
        self.init(bootImageLBA: 0)
        self.blockAddress = blockAddress
    }
}
