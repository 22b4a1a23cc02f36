import BinaryIO
import Testing

@testable import ELF

@Suite("ELFStringTable")
struct ELFStringTableTests {
    static let bytes: [UInt8] = Array("\0.text\0.modinfo\0".utf8)

    @Test("strings by offset, including a suffix of another, and a round trip")
    func strings() throws {
        let table = try ELFStringTable(bytes: Self.bytes[...], at: 0x500)
        #expect(try table.string(at: 0) == "")
        #expect(try table.string(at: 1) == ".text")
        #expect(try table.string(at: 7) == ".modinfo")
        #expect(try table.string(at: 11) == "info")
        #expect(table.encode() == Self.bytes)
    }

    @Test("an offset past the table is an error")
    func outOfRange() throws {
        let table = try ELFStringTable(bytes: Self.bytes[...], at: 0x500)
        #expect(throws: DecodeError.fieldOutOfRange(field: "sh_name", offset: 0x500, value: 16, limit: 16)) {
            try table.string(at: 16, field: "sh_name")
        }
    }

    @Test("a table must start and end with NUL")
    func terminators() {
        var bytes = Self.bytes
        bytes[bytes.count - 1] = 0x41
        #expect(
            throws: DecodeError.invalidValue(field: "string table", offset: 0x50F, reason: "last byte is 0x41, not NUL")
        ) {
            try ELFStringTable(bytes: bytes[...], at: 0x500)
        }
        bytes = Self.bytes
        bytes[0] = 0x2E
        #expect(
            throws: DecodeError.invalidValue(
                field: "string table", offset: 0x500, reason: "first byte is 0x2e, not NUL")
        ) {
            try ELFStringTable(bytes: bytes[...], at: 0x500)
        }
    }
}
