import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("POSIXAttributes")
struct POSIXAttributesTests {
    /// The PX entry xorriso 1.5 writes for a directory (RRIP 1.10 form, 36 bytes).
    static let xorrisoDirectory = Hex.bytes(
        "50 58 24 01 ED 41 00 00 00 00 41 ED 01 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")
    /// The PX entry `xorriso -compliance new_rr` writes for a file (RRIP 1.12 form, 44 bytes).
    static let xorrisoFile112 = Hex.bytes(
        "50 58 2C 01 A0 81 00 00 00 00 81 A0 01 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "03 00 00 00 00 00 00 03")

    @Test("the 36-byte form from xorriso")
    func shortForm() throws {
        let attributes = try POSIXAttributes(bytes: Self.xorrisoDirectory[...], at: 0)
        #expect(attributes == POSIXAttributes(mode: 0o40755, links: 1, uid: 0, gid: 0))
        #expect(attributes.fileType == .directory)
        #expect(attributes.permissions == 0o755)
        #expect(attributes.encode() == Self.xorrisoDirectory)
    }

    @Test("the 44-byte form from xorriso")
    func longForm() throws {
        let attributes = try POSIXAttributes(bytes: Self.xorrisoFile112[...], at: 0)
        #expect(attributes == POSIXAttributes(mode: 0o100640, links: 1, uid: 0, gid: 0, serial: 3))
        #expect(attributes.fileType == .regular)
        #expect(attributes.encode() == Self.xorrisoFile112)
    }

    @Test(
        "round trip",
        arguments: [
            POSIXAttributes(mode: 0o120777, links: 1, uid: 65534, gid: 65534),
            POSIXAttributes(mode: 0o20620, links: 1, uid: 0, gid: 5, serial: 0),
            POSIXAttributes(mode: .max, links: .max, uid: .max, gid: .max, serial: .max),
        ])
    func roundTrip(attributes: POSIXAttributes) throws {
        let bytes = attributes.encode()
        #expect(bytes.count == (attributes.serial == nil ? 36 : 44))
        #expect(try POSIXAttributes(bytes: bytes[...], at: 0) == attributes)
    }

    @Test("a length other than 36 or 44")
    func badLength() {
        var bytes = Self.xorrisoFile112
        bytes[2] = 40
        #expect(throws: DecodeError.invalidValue(field: "PX length", offset: 0x802, reason: "40 bytes, expected 36 or 44")) {
            try POSIXAttributes(bytes: bytes[...], at: 0x800)
        }
    }

    @Test("a mode whose halves disagree")
    func modeMismatch() {
        var bytes = Self.xorrisoDirectory
        bytes[11] = 0xEC
        #expect(
            throws: DecodeError.byteOrderMismatch(field: "PX file mode", offset: 0x804, littleEndian: 0o40755, bigEndian: 0o40754)
        ) { try POSIXAttributes(bytes: bytes[...], at: 0x800) }
    }

    @Test("another signature")
    func wrongSignature() {
        var bytes = Self.xorrisoDirectory
        bytes[1] = 0x4E
        #expect(throws: DecodeError.badSignature(structure: "PX entry", offset: 0x800, expected: [0x50, 0x58], found: [0x50, 0x4E])) {
            try POSIXAttributes(bytes: bytes[...], at: 0x800)
        }
    }

    @Test("a version other than 1")
    func wrongVersion() {
        var bytes = Self.xorrisoDirectory
        bytes[3] = 2
        #expect(throws: DecodeError.invalidValue(field: "PX version", offset: 0x803, reason: "version 2, expected 1")) {
            try POSIXAttributes(bytes: bytes[...], at: 0x800)
        }
    }
}
