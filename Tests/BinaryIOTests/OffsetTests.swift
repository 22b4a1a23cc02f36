import Testing

@testable import BinaryIO

@Suite("Offset")
struct OffsetTests {
    @Test(
        "offsets print in hex with their 2048-byte sector",
        arguments: [
            (Int64(0), "0x0 (LBA 0)"), (Int64(2047), "0x7ff (LBA 0)"), (Int64(0x8800), "0x8800 (LBA 17)"),
            (Int64(0x1A800 + 5), "0x1a805 (LBA 53)"), (Int64(4) << 30, "0x100000000 (LBA 2097152)"),
        ])
    func describe(offset: Int64, expected: String) {
        #expect(Offset.describe(offset) == expected)
    }

    @Test("byte strings print as two-digit lower-case hex, space-separated, and parse back")
    func hex() {
        #expect(Hex.string(Array("CD001".utf8)) == "43 44 30 30 31")
        #expect(Hex.string([0x00, 0x0A, 0xFF]) == "00 0a ff")
        #expect(Hex.string([]) == "")
        #expect(Hex.string([0xDE, 0xAD, 0x0F], separator: "") == "dead0f")
        #expect(Hex.bytes(Hex.string([0x00, 0x0A, 0xFF])) == [0x00, 0x0A, 0xFF])
    }
}
