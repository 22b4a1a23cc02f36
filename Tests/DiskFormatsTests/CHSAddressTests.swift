import Testing

@testable import DiskFormats

@Suite("CHSAddress")
struct CHSAddressTests {
    @Test("addresses in a geometry, as xorriso and fdisk write them")
    func geometry() throws {
        #expect(CHSAddress(lba: 0).bytes == [0x00, 0x01, 0x00])
        #expect(CHSAddress(lba: 1) == .lba1)
        // xorriso's protective MBR end for a 3700-sector image with 64 heads × 32 sectors.
        #expect(CHSAddress(lba: 3699, heads: 64, sectorsPerTrack: 32).bytes == [0x33, 0x14, 0x01])
        #expect(CHSAddress(lba: 1024 * 255 * 63) == .beyondLimit)
        let address = CHSAddress(lba: 1023 * 255 * 63 + 254 * 63 + 62)
        #expect((address.cylinder, address.head, address.sector) == (1023, 254, 63))
        #expect(try CHSAddress(bytes: address.encode()[...], at: 0) == address)
    }
}
