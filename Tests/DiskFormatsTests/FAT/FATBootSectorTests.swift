import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("FATBootSector")
struct FATBootSectorTests {
    static func sample(fat32: Bool) -> FATBootSector {
        FATBootSector(
            bytesPerSector: 512, sectorsPerCluster: fat32 ? 8 : 4, reservedSectors: fat32 ? 32 : 1, fatCount: 2,
            rootEntryCount: fat32 ? 0 : 512, totalSectors: fat32 ? 614_400 : 40_960, fatSize: fat32 ? 600 : 40,
            fat32: fat32 ? .init(fatSize: 600, rootCluster: 2) : nil, volumeID: 0xDEAD_BEEF,
            volumeLabel: Array("ESP        ".utf8), fileSystemType: fat32 ? "FAT32   " : "FAT16   ")
    }

    @Test("round trip", arguments: [false, true])
    func roundTrip(fat32: Bool) throws {
        let sector = Self.sample(fat32: fat32)
        let bytes = sector.encode()
        #expect(bytes.count == 512 && bytes[510] == 0x55 && bytes[511] == 0xAA)
        let decoded = try FATBootSector(bytes: bytes[...], at: 0)
        #expect(decoded == sector)
        #expect(decoded.totalSectors == (fat32 ? 614_400 : 40_960))
        #expect(decoded.fat32?.rootCluster == (fat32 ? 2 : nil))
    }

    @Test("a wrong boot signature is an error")
    func badSignature() {
        var bytes = Self.sample(fat32: false).encode()
        bytes[511] = 0
        #expect(
            throws: DecodeError.badSignature(structure: "FAT boot sector", offset: 510, expected: [0x55, 0xAA], found: [0x55, 0x00])
        ) { try FATBootSector(bytes: bytes[...], at: 0) }
    }

    @Test("bytes per sector must be 512, 1024, 2048 or 4096", arguments: [UInt16(256), 513, 8192])
    func badSectorSize(value: UInt16) {
        var bytes = Self.sample(fat32: false).encode()
        bytes[11] = UInt8(truncatingIfNeeded: value)
        bytes[12] = UInt8(truncatingIfNeeded: value >> 8)
        #expect(
            throws: DecodeError.invalidValue(
                field: "FAT bytes per sector", offset: 0x10B, reason: "\(value) is not 512, 1024, 2048 or 4096")
        ) { try FATBootSector(bytes: bytes[...], at: 0x100) }
    }

    @Test("a FAT32 root cluster of 0 is an error")
    func rootClusterZero() {
        var bytes = Self.sample(fat32: true).encode()
        bytes[44] = 0
        #expect(
            throws: DecodeError.invalidValue(
                field: "FAT32 root cluster", offset: 44, reason: "0 is below the first data cluster 2")
        ) { try FATBootSector(bytes: bytes[...], at: 0) }
    }

    @Test("mkfs.fat boot sectors decode and re-encode byte-exact", .oracles("mkfs.fat"), arguments: ["12", "16", "32"])
    func mkfsFixture(bits: String) async throws {
        let scratch = try TemporaryDirectory()
        let image = scratch.path("fat.img")
        let kib = bits == "32" ? "70000" : (bits == "16" ? "20480" : "1440")
        try await Tool.run(
            "mkfs.fat", ["-F", bits, "-i", "1234ABCD", "-n", "ORACLE", "-C", image, kib],
            environment: Tool.reproducibleEnvironment)
        let bytes = try scratch.bytes("fat.img", at: 0, count: 512)
        let sector = try FATBootSector(bytes: bytes[...], at: 0)
        #expect(sector.encode() == bytes)
        #expect(sector.volumeID == 0x1234_ABCD)
        #expect(sector.volumeLabel == Array("ORACLE     ".utf8))
        #expect(FATType(clusterCount: Int64(sector.clusterCount ?? 0)).rawValue == "fat" + bits)
    }
}
