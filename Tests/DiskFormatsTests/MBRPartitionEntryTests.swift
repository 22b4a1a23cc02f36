import BinaryIO
import Testing

@testable import DiskFormats

@Suite("MBRPartitionEntry")
struct MBRPartitionEntryTests {
    static let sample = MBRPartitionEntry(
        status: 0x80, chsStart: CHSAddress(lba: 2048), type: .efiSystem, chsEnd: CHSAddress(lba: 22527),
        firstLBA: 2048, sectorCount: 20480)

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 16)
        #expect(try MBRPartitionEntry(bytes: bytes[...], at: 0x1BE) == Self.sample)
        #expect(Self.sample.isBootable && !Self.sample.isEmpty && MBRPartitionEntry.empty.isEmpty)
    }

    @Test("a boot indicator other than 0x00 or 0x80 is an error")
    func badStatus() {
        var bytes = Self.sample.encode()
        bytes[0] = 0x7F
        #expect(
            throws: DecodeError.invalidValue(
                field: "MBR partition boot indicator", offset: 0x1CE, reason: "0x7f is neither 0x00 nor 0x80")
        ) { try MBRPartitionEntry(bytes: bytes[...], at: 0x1CE) }
    }

    @Test("a short record is truncated")
    func truncated() {
        #expect(throws: DecodeError.truncated(structure: "MBR partition record", offset: 0x1EE, needed: 16, available: 14)) {
            try MBRPartitionEntry(bytes: Self.sample.encode()[..<14], at: 0x1EE)
        }
    }
}
