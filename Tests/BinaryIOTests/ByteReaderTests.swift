import Testing

@testable import BinaryIO

@Suite("ByteReader")
struct ByteReaderTests {
    /// Eight bytes 01…08 at sector 17, so every offset in an error is absolute.
    static let counting: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let base: Int64 = 0x8800

    @Test("reads every integer width in both byte orders and advances the offset")
    func integers() throws {
        var reader = ByteReader(Self.counting[...], at: Self.base, structure: "test")
        #expect(try reader.uint8() == 0x01)
        #expect(reader.offset == Self.base + 1 && reader.consumed == 1 && reader.remaining == 7)
        #expect(try reader.uint16LE() == 0x0302)
        #expect(try reader.uint16BE() == 0x0405)
        #expect(reader.offset == Self.base + 5)

        reader = ByteReader(Self.counting[...], at: Self.base, structure: "test")
        #expect(try reader.uint32LE() == 0x0403_0201)
        #expect(try reader.uint32BE() == 0x0506_0708)

        reader = ByteReader(Self.counting[...], at: Self.base, structure: "test")
        #expect(try reader.uint64LE() == 0x0807_0605_0403_0201)
        #expect(reader.remaining == 0 && reader.offset == Self.base + 8)
    }

    @Test("the top bit survives every width")
    func highBits() throws {
        var reader = ByteReader(Array(repeating: 0xFF, count: 21)[...], at: 0, structure: "test")
        #expect(try reader.uint8() == .max)
        #expect(try reader.uint16LE() == .max && reader.uint16BE() == .max)
        #expect(try reader.uint32LE() == .max && reader.uint32BE() == .max)
        #expect(try reader.uint64LE() == .max)
        #expect(reader.remaining == 0)
    }

    @Test("both-byte-order fields return the value when the halves agree")
    func bothEndian() throws {
        let bytes: [UInt8] = [0x34, 0x12, 0x12, 0x34, 0x78, 0x56, 0x34, 0x12, 0x12, 0x34, 0x56, 0x78]
        var reader = ByteReader(bytes[...], at: 0, structure: "test")
        #expect(try reader.bothEndianUInt16(field: "volumeSetSize") == 0x1234)
        #expect(try reader.bothEndianUInt32(field: "volumeSpaceSize") == 0x1234_5678)
        #expect(reader.remaining == 0)
    }

    @Test("halves that disagree name the field and the offset of the little-endian half")
    func byteOrderMismatch() throws {
        var reader = ByteReader([0xAA, 0xBB, 0x34, 0x12, 0x12, 0x35][...], at: Self.base, structure: "test")
        try reader.skip(2)
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: "volumeSetSize", offset: Self.base + 2, littleEndian: 0x1234, bigEndian: 0x1235)
        ) { try reader.bothEndianUInt16(field: "volumeSetSize") }

        let bytes: [UInt8] = [0, 0x78, 0x56, 0x34, 0x12, 0x12, 0x34, 0x56, 0x79]
        var wide = ByteReader(bytes[...], at: Self.base, structure: "test")
        _ = try wide.uint8()
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: "volumeSpaceSize", offset: Self.base + 1, littleEndian: 0x1234_5678, bigEndian: 0x1234_5679)
        ) { try wide.bothEndianUInt32(field: "volumeSpaceSize") }
    }

    @Test("the lenient reader trusts the little-endian half and consumes both")
    func lenientBothEndian() throws {
        var reader = ByteReader([0x0A, 0, 0, 0, 0, 0, 0, 0x0B, 0xEE][...], at: 0, structure: "path table size")
        #expect(try reader.lenientBothEndianUInt32() == 10)
        #expect(reader.remaining == 1)
    }

    @Test("expect accepts the signature and advances past it")
    func expectMatches() throws {
        var reader = ByteReader(([1] + Array("CD001".utf8) + [1])[...], at: Self.base, structure: "volume descriptor")
        try reader.skip(1)
        try reader.expect(Array("CD001".utf8))
        #expect(reader.offset == Self.base + 6)
    }

    @Test("a wrong signature is badSignature with the structure, the offset where it starts and both byte strings")
    func expectMismatch() throws {
        var reader = ByteReader(([1] + Array("CD002".utf8))[...], at: Self.base, structure: "volume descriptor")
        try reader.skip(1)
        #expect(
            throws: DecodeError.badSignature(
                structure: "volume descriptor", offset: Self.base + 1, expected: Array("CD001".utf8),
                found: Array("CD002".utf8))
        ) { try reader.expect(Array("CD001".utf8)) }
    }

    @Test("a signature cut off by the end is truncated, not a mismatch")
    func expectTruncated() {
        var reader = ByteReader(Array("CD0".utf8)[...], at: Self.base, structure: "volume descriptor")
        let error = DecodeError.truncated(structure: "volume descriptor", offset: Self.base, needed: 5, available: 3)
        #expect(throws: error) { try reader.expect(Array("CD001".utf8)) }
    }

    @Test(
        "padded strings lose trailing spaces and NULs only",
        arguments: [
            ("ISOIMAGE", "ISOIMAGE"), ("CDROM   ", "CDROM"), ("A B\0\0 \0 ", "A B"), ("  lead  ", "  lead"),
            ("        ", ""), ("\0\0\0\0\0\0\0\0", ""),
        ])
    func paddedString(raw: String, expected: String) throws {
        var reader = ByteReader((Array(raw.utf8) + [0x58])[...], at: 0, structure: "test")
        #expect(try reader.paddedString(8) == expected)
        #expect(try reader.uint8() == 0x58)
    }

    @Test("a short read is truncated at the absolute offset of the read, and the cursor stays put")
    func truncated() throws {
        let file = Array(0..<20) as [UInt8]
        // A slice that does not start at index 0: offsets must still come from the base offset.
        var reader = ByteReader(file[10..<14], at: 0x1000 + 10, structure: "directory record")
        #expect(try reader.uint16LE() == 0x0B0A)
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100C, needed: 4, available: 2)) {
            try reader.uint32LE()
        }
        #expect(reader.offset == 0x100C && reader.remaining == 2)
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100C, needed: 3, available: 2)) {
            try reader.bytes(3)
        }
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100C, needed: 8, available: 2)) {
            try reader.uint64LE()
        }
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100C, needed: 3, available: 2)) {
            try reader.skip(3)
        }
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100C, needed: 4, available: 2)) {
            try reader.paddedString(4)
        }
        #expect(Array(try reader.bytes(2)) == [12, 13])
        #expect(throws: DecodeError.truncated(structure: "directory record", offset: 0x100E, needed: 1, available: 0)) {
            try reader.uint8()
        }
    }

    @Test("negative counts are truncated errors, never a trap", arguments: [-1, Int.min])
    func negativeCounts(count: Int) throws {
        var reader = ByteReader([1, 2, 3][...], at: 0x40, structure: "entry")
        try reader.skip(1)
        let error = DecodeError.truncated(structure: "entry", offset: 0x41, needed: count, available: 2)
        #expect(throws: error) { try reader.require(count) }
        #expect(throws: error) { try reader.bytes(count) }
        #expect(throws: error) { try reader.skip(count) }
        #expect(throws: error) { try reader.paddedString(count) }
        #expect(reader.remaining == 2)
    }

    @Test("require checks without consuming; zero bytes are always available")
    func require() throws {
        let reader = ByteReader([1, 2, 3][...], at: 0x40, structure: "entry")
        try reader.require(3)
        try reader.require(0)
        #expect(reader.remaining == 3)
        #expect(reader.offset(of: 2) == 0x42)
        let empty = ByteReader([][...], at: 0x50, structure: "entry")
        try empty.require(0)
        #expect(throws: DecodeError.truncated(structure: "entry", offset: 0x50, needed: 1, available: 0)) {
            try empty.require(1)
        }
    }

    @Test("bytes returns a slice with the original indices")
    func slices() throws {
        let file = Array(0..<8) as [UInt8]
        var reader = ByteReader(file[2...], at: 2, structure: "test")
        let slice = try reader.bytes(3)
        #expect(slice.startIndex == 2 && Array(slice) == [2, 3, 4])
        #expect(reader.index == 5)
    }
}
