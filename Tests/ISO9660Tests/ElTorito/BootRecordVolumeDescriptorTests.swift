import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("BootRecordVolumeDescriptor")
struct BootRecordVolumeDescriptorTests {
    @Test("round trip")
    func roundTrip() throws {
        let descriptor = BootRecordVolumeDescriptor(bootCatalogLBA: 33)
        let bytes = descriptor.encode()
        #expect(bytes.count == 2048)
        #expect(Array(bytes[0..<7]) == [0] + Array("CD001".utf8) + [1])
        #expect(Array(bytes[0x47..<0x4B]) == [33, 0, 0, 0])
        #expect(try BootRecordVolumeDescriptor(bytes: bytes[...], at: 0x8800) == descriptor)
    }

    @Test("xorriso's descriptor at sector 17 names its catalog and re-encodes byte-exact",
          .oracles("xorriso", "mkfs.fat"))
    func fixture() async throws {
        let fixture = try await BootFixture(.grubHybrid)
        let sector = try fixture.bytes(at: 17 * 2048, count: 2048)
        let descriptor = try BootRecordVolumeDescriptor(bytes: sector[...], at: 17 * 2048)
        let catalog = try #require(try await fixture.report("el_torito", lines: "El Torito catalog  ").first)
        #expect("\(descriptor.bootCatalogLBA)" == catalog.first)
        #expect(descriptor.encode() == sector)
    }

    @Test("wrong identifiers are errors", arguments: [
        (1, BootRecordVolumeDescriptor.standardIdentifier, 1),
        (7, BootRecordVolumeDescriptor.bootSystemIdentifier, 7),
        (20, BootRecordVolumeDescriptor.bootSystemIdentifier, 7),
    ])
    func badIdentifier(index: Int, expected: [UInt8], start: Int) {
        var bytes = BootRecordVolumeDescriptor(bootCatalogLBA: 33).encode()
        bytes[index] ^= 0x20
        #expect(
            throws: DecodeError.badSignature(
                structure: "boot record volume descriptor", offset: 0x8800 + Int64(start), expected: expected,
                found: Array(bytes[start..<start + expected.count]))
        ) { try BootRecordVolumeDescriptor(bytes: bytes[...], at: 0x8800) }
    }

    @Test("another descriptor type or version is an error")
    func badType() {
        var bytes = BootRecordVolumeDescriptor(bootCatalogLBA: 33).encode()
        bytes[0] = 1
        #expect(
            throws: DecodeError.badSignature(
                structure: "boot record volume descriptor", offset: 0x8800, expected: [0], found: [1])
        ) { try BootRecordVolumeDescriptor(bytes: bytes[...], at: 0x8800) }
        bytes[0] = 0
        bytes[6] = 2
        #expect(
            throws: DecodeError.badSignature(
                structure: "boot record volume descriptor", offset: 0x8806, expected: [1], found: [2])
        ) { try BootRecordVolumeDescriptor(bytes: bytes[...], at: 0x8800) }
    }
}
