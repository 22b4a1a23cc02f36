import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("CpioNewcHeader")
struct CpioNewcHeaderTests {
    static let sample = CpioNewcHeader(
        name: Array("usr/bin/busybox".utf8), inode: 0x1234, mode: 0o100755, uid: 1000, gid: 100, linkCount: 1,
        modificationTime: 1_700_000_000, fileSize: 0xABCDEF, deviceMajor: 8, deviceMinor: 1,
        specialDeviceMajor: 0, specialDeviceMinor: 0)

    @Test("round trip, header and name padded to 4 bytes", arguments: 1...9)
    func roundTrip(nameLength: Int) throws {
        var header = Self.sample
        header.name = Array(repeating: 0x61, count: nameLength)
        let bytes = header.encode()
        #expect(bytes.count % 4 == 0 && bytes.count == header.encodedSize)
        #expect(bytes.count - 110 - nameLength - 1 < 4)
        #expect(try CpioNewcHeader(bytes: bytes[...], at: 0) == header)
    }

    @Test("fields are 8 upper-case hex digits in spec order")
    func layout() {
        let text = String(decoding: Self.sample.encode().prefix(110), as: UTF8.self)
        #expect(text == "070701" + "00001234" + "000081ED" + "000003E8" + "00000064" + "00000001" + "6553F100"
            + "00ABCDEF" + "00000008" + "00000001" + "00000000" + "00000000" + "00000010" + "00000000")
    }

    @Test("lower-case hex digits decode too")
    func lowerCase() throws {
        var bytes = Self.sample.encode()
        bytes[14..<22] = ArraySlice("000081ed".utf8)
        #expect(try CpioNewcHeader(bytes: bytes[...], at: 0).mode == 0o100755)
    }

    @Test("a wrong magic byte is a bad signature")
    func badMagic() {
        var bytes = Self.sample.encode()
        bytes[5] = 0x32  // "070702", the CRC variant
        #expect(
            throws: DecodeError.badSignature(
                structure: "cpio newc header", offset: 0x40, expected: Array("070701".utf8), found: Array("070702".utf8))
        ) { try CpioNewcHeader(bytes: bytes[...], at: 0x40) }
    }

    @Test("a non-hex digit names its field and offset")
    func nonHexDigit() {
        var bytes = Self.sample.encode()
        bytes[6 + 8 * 6 + 3] = 0x47  // "G" in c_filesize
        #expect(
            throws: DecodeError.invalidValue(
                field: "cpio c_filesize", offset: 54, reason: "\"00AGCDEF\" is not 8 hex digits")
        ) { try CpioNewcHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a name size past the end is truncated")
    func nameSizePastEnd() {
        var bytes = Self.sample.encode()
        bytes[94..<102] = ArraySlice("00000100".utf8)  // 110 + 256 bytes pad to 368: the name needs 258
        #expect(
            throws: DecodeError.truncated(structure: "cpio name", offset: 110, needed: 258, available: bytes.count - 110)
        ) { try CpioNewcHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a name size of 0 is invalid")
    func nameSizeZero() {
        var bytes = Self.sample.encode()
        bytes[94..<102] = ArraySlice("00000000".utf8)
        #expect(
            throws: DecodeError.invalidValue(field: "cpio c_namesize", offset: 94, reason: "0 is not between 1 and 4096")
        ) { try CpioNewcHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a name without its NUL is invalid")
    func nameWithoutNUL() {
        var bytes = Self.sample.encode()
        bytes[110 + 15] = 0x78
        #expect(
            throws: DecodeError.invalidValue(
                field: "cpio name", offset: 110, reason: "not a NUL-terminated string of 16 bytes")
        ) { try CpioNewcHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a short header is truncated")
    func shortHeader() {
        let bytes = Self.sample.encode().prefix(100)
        #expect(throws: DecodeError.truncated(structure: "cpio newc header", offset: 0, needed: 110, available: 100)) {
            try CpioNewcHeader(bytes: bytes, at: 0)
        }
    }

    @Test("GNU cpio headers decode and re-encode byte-exact", .oracles("cpio"))
    func gnuFixture() async throws {
        let archive = try await CpioFixture.gnuArchive()
        let reader = try CpioArchiveReader(bytes: archive[...])
        #expect(reader.entries.count == CpioFixture.gnuList.count)
        for entry in reader.entries {
            let start = Int(entry.headerOffset)
            #expect(entry.header.encode()[...] == archive[start..<(start + entry.header.encodedSize)], "\(entry.path)")
        }
        let trailerStart = Int(reader.endOffset) - CpioNewcHeader.trailer.encodedSize
        let trailer = try CpioNewcHeader(bytes: archive[trailerStart...], at: Int64(trailerStart))
        #expect(trailer.isTrailer)
    }
}
