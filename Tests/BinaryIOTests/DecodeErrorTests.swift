import Testing

@testable import BinaryIO

@Suite("DecodeError")
struct DecodeErrorTests {
    @Test(
        "each case prints the place as hex offset and sector, then what is wrong",
        arguments: [
            (
                DecodeError.truncated(structure: "directory record", offset: 0x1A800, needed: 34, available: 7),
                "directory record at 0x1a800 (LBA 53): 7 bytes, need 34"
            ),
            (
                DecodeError.fieldOutOfRange(field: "logicalBlockSize", offset: 0x8880, value: 4096, limit: 2048),
                "logicalBlockSize at 0x8880 (LBA 17): value 4096 exceeds limit 2048"
            ),
            (
                DecodeError.byteOrderMismatch(
                    field: "volumeSpaceSize", offset: 0x8850, littleEndian: 1000, bigEndian: 1001),
                "volumeSpaceSize at 0x8850 (LBA 17): little-endian 1000 and big-endian 1001 differ"
            ),
            (
                DecodeError.badSignature(
                    structure: "primary volume descriptor", offset: 0x8801, expected: Array("CD001".utf8),
                    found: Array("CD00\n".utf8)),
                "primary volume descriptor at 0x8801 (LBA 17): signature 43 44 30 30 0a, expected 43 44 30 30 31"
            ),
            (
                DecodeError.badChecksum(structure: "GPT header", offset: 0x200, stored: 0xDEAD_BEEF, computed: 0x1234),
                "GPT header at 0x200 (LBA 0): checksum 0xdeadbeef, computed 0x1234"
            ),
            (
                DecodeError.invalidValue(field: "file flags", offset: 0x8800, reason: "directory and associated"),
                "file flags at 0x8800 (LBA 17): directory and associated"
            ),
        ])
    func description(error: DecodeError, expected: String) {
        #expect(error.description == expected)
        #expect("\(error)" == expected)
    }

    @Test("cases with equal fields are equal; any other field tells them apart")
    func equality() {
        let error = DecodeError.truncated(structure: "record", offset: 0x800, needed: 34, available: 7)
        #expect(error == .truncated(structure: "record", offset: 0x800, needed: 34, available: 7))
        #expect(error != .truncated(structure: "record", offset: 0x801, needed: 34, available: 7))
        #expect(error != .truncated(structure: "entry", offset: 0x800, needed: 34, available: 7))
    }
}
