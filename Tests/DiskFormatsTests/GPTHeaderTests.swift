import BinaryIO
import Testing

@testable import DiskFormats

@Suite("GPTHeader")
struct GPTHeaderTests {
    static let sample = GPTHeader(
        myLBA: 1, alternateLBA: 131_071, firstUsableLBA: 34, lastUsableLBA: 131_038,
        diskGUID: GUID(string: "11111111-2222-3333-4444-555555555555")!, partitionEntryLBA: 2,
        numberOfPartitionEntries: 128, partitionEntryArrayCRC32: 0xDEAD_BEEF)

    /// The header padded to a 512-byte sector, as it lies on disk.
    static func sector(_ header: GPTHeader = sample) -> [UInt8] {
        header.encode() + Array(repeating: 0, count: 512 - Int(header.headerSize))
    }

    /// The CRC the decoder computes for `bytes`: bytes 16–19 taken as zero.
    static func headerCRC(_ bytes: [UInt8]) -> UInt32 {
        var copy = Array(bytes[0..<92])
        copy[16..<20] = [0, 0, 0, 0]
        return CRC32.checksum(copy)
    }

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sector()
        let decoded = try GPTHeader(bytes: bytes[...], at: 512)
        #expect(decoded == Self.sample)
        #expect(decoded.encode() == Array(bytes[0..<92]))
        #expect(decoded.partitionEntryArrayBytes == 16384)
    }

    @Test("a wrong signature byte is an error")
    func badSignature() {
        var bytes = Self.sector()
        bytes[0] = UInt8(ascii: "F")
        #expect(
            throws: DecodeError.badSignature(
                structure: "GPT header", offset: 512, expected: Array("EFI PART".utf8), found: Array("FFI PART".utf8))
        ) { try GPTHeader(bytes: bytes[...], at: 512) }
    }

    @Test("a changed byte breaks the header CRC", arguments: [24, 40, 60, 88])
    func badCRC(index: Int) {
        var bytes = Self.sector()
        bytes[index] ^= 0x01
        #expect(
            throws: DecodeError.badChecksum(
                structure: "GPT header", offset: 512, stored: UInt64(Self.sample.headerCRC32),
                computed: UInt64(Self.headerCRC(bytes)))
        ) { try GPTHeader(bytes: bytes[...], at: 512) }
    }

    @Test("consistent but impossible fields are errors")
    func badFields() {
        var header = Self.sample
        header.sizeOfPartitionEntry = 192
        header.updateHeaderCRC32()
        #expect(
            throws: DecodeError.invalidValue(field: "GPT partition entry size", offset: 596, reason: "192 is not 128 × 2ⁿ")
        ) { try GPTHeader(bytes: Self.sector(header)[...], at: 512) }

        header = Self.sample
        header.alternateLBA = 1
        header.updateHeaderCRC32()
        #expect(throws: DecodeError.invalidValue(field: "GPT alternate LBA", offset: 544, reason: "equals my LBA 1")) {
            try GPTHeader(bytes: Self.sector(header)[...], at: 512)
        }

        header = Self.sample
        header.numberOfPartitionEntries = 1 << 20
        header.updateHeaderCRC32()
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "GPT partition entry array size", offset: 592, value: 128 << 20, limit: 4 << 20)
        ) { try GPTHeader(bytes: Self.sector(header)[...], at: 512) }

        header = Self.sample
        header.revision = 0x0002_0000
        header.updateHeaderCRC32()
        #expect(throws: DecodeError.invalidValue(field: "GPT revision", offset: 520, reason: "0x20000 is not 1.x")) {
            try GPTHeader(bytes: Self.sector(header)[...], at: 512)
        }
    }

    @Test("a header size beyond its sector is an error")
    func headerTooLarge() {
        var bytes = Self.sector()
        bytes[12] = 0x01
        bytes[13] = 0x02  // 513
        #expect(
            throws: DecodeError.fieldOutOfRange(field: "GPT header size", offset: 524, value: 513, limit: 512)
        ) { try GPTHeader(bytes: bytes[...], at: 512) }
    }

    @Test("a larger header keeps its extra bytes in the CRC")
    func extraBytes() throws {
        var header = Self.sample
        header.headerSize = 96
        header.extraBytes = [1, 2, 3, 4]
        header.updateHeaderCRC32()
        let decoded = try GPTHeader(bytes: Self.sector(header)[...], at: 512)
        #expect(decoded == header && decoded.encode().count == 96)
    }
}
