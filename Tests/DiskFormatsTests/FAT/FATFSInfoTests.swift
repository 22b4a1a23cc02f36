import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("FATFSInfo")
struct FATFSInfoTests {
    @Test("round trip")
    func roundTrip() throws {
        let info = FATFSInfo(freeClusterCount: 1234, nextFreeCluster: 7)
        let bytes = info.encode()
        #expect(bytes.count == 512)
        #expect(try FATFSInfo(bytes: bytes[...], at: 512) == info)
    }

    @Test("each signature byte is checked", arguments: [0, 484, 511])
    func badSignature(index: Int) {
        var bytes = FATFSInfo(freeClusterCount: 1, nextFreeCluster: 2).encode()
        bytes[index] ^= 0xFF
        let start = index == 0 ? 0 : (index == 484 ? 484 : 508)
        let expected = index == 0 ? FATFSInfo.leadSignature : (index == 484 ? FATFSInfo.structureSignature : FATFSInfo.trailSignature)
        #expect(
            throws: DecodeError.badSignature(
                structure: "FAT32 FSInfo sector", offset: 512 + Int64(start), expected: expected,
                found: Array(bytes[start..<start + 4]))
        ) { try FATFSInfo(bytes: bytes[...], at: 512) }
    }

    @Test("a mkfs.fat FSInfo sector re-encodes byte-exact", .oracles("mkfs.fat"))
    func mkfsFixture() async throws {
        let scratch = try TemporaryDirectory()
        try await Tool.run(
            "mkfs.fat", ["-F", "32", "-i", "1234ABCD", "-C", scratch.path("fat.img"), "70000"],
            environment: Tool.reproducibleEnvironment)
        let bytes = try scratch.bytes("fat.img", at: 512, count: 512)
        let info = try FATFSInfo(bytes: bytes[...], at: 512)
        #expect(info.encode() == bytes)
    }
}
