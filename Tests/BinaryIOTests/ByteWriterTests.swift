import Testing

@testable import BinaryIO

@Suite("ByteWriter")
struct ByteWriterTests {
    @Test("writes every integer width in the byte order it names")
    func integers() {
        var writer = ByteWriter()
        writer.uint8(0x01)
        writer.uint16LE(0x0302)
        writer.uint16BE(0x0405)
        writer.uint32LE(0x0908_0706)
        writer.uint32BE(0x0A0B_0C0D)
        writer.uint64LE(0x1514_1312_1110_0F0E)
        #expect(writer.bytes == Array(1...0x15))
        #expect(writer.count == 0x15)
    }

    @Test("both-byte-order fields are little-endian then big-endian (ECMA-119 §7.2.3, §7.3.3)")
    func bothEndian() {
        var writer = ByteWriter()
        writer.bothEndianUInt16(0x1234)
        writer.bothEndianUInt32(0x1234_5678)
        #expect(writer.bytes == [0x34, 0x12, 0x12, 0x34, 0x78, 0x56, 0x34, 0x12, 0x12, 0x34, 0x56, 0x78])
    }

    @Test(
        "padded text is cut or padded to the exact width",
        arguments: [
            ("CDROM", 8, UInt8(0x20), Array("CDROM   ".utf8)), ("TOO LONG", 3, UInt8(0x20), Array("TOO".utf8)),
            ("ab", 4, UInt8(0), [0x61, 0x62, 0, 0]), ("", 2, UInt8(0x5F), [0x5F, 0x5F]), ("xy", 0, UInt8(0x20), []),
        ])
    func padded(text: String, width: Int, pad: UInt8, expected: [UInt8]) {
        var writer = ByteWriter()
        writer.padded(Array(text.utf8), width: width, pad: pad)
        #expect(writer.bytes == expected)
    }

    @Test("padding defaults to spaces")
    func paddedDefault() {
        var writer = ByteWriter()
        writer.padded("A".utf8, width: 3)
        #expect(writer.bytes == [0x41, 0x20, 0x20])
    }

    @Test("align pads with zeros to the next multiple, and not at all when already aligned")
    func align() {
        var writer = ByteWriter()
        writer.append([1, 2, 3, 4, 5])
        writer.align(to: 4)
        #expect(writer.bytes == [1, 2, 3, 4, 5, 0, 0, 0])
        writer.align(to: 4)
        #expect(writer.count == 8)
        writer.align(to: 2048)
        #expect(writer.count == 2048 && writer.bytes[5...].allSatisfy { $0 == 0 })
        var empty = ByteWriter()
        empty.align(to: 2048)
        #expect(empty.count == 0)
    }

    @Test("fill appends copies of a byte, zero by default")
    func fill() {
        var writer = ByteWriter(capacity: 16)
        #expect(writer.count == 0)
        writer.fill(3, with: 0xFF)
        writer.fill(2)
        writer.fill(0, with: 0xAA)
        #expect(writer.bytes == [0xFF, 0xFF, 0xFF, 0, 0])
    }

    @Test(
        "what the writer writes the reader reads back",
        arguments: [
            (UInt8(0), UInt16(0), UInt32(0), UInt64(0)),
            (UInt8(0x7F), UInt16(0x1234), UInt32(0x1234_5678), UInt64(0x0102_0304_0506_0708)),
            (UInt8.max, UInt16.max, UInt32.max, UInt64.max),
        ])
    func roundTrip(byte: UInt8, short: UInt16, word: UInt32, long: UInt64) throws {
        var writer = ByteWriter()
        writer.uint8(byte)
        writer.uint16LE(short)
        writer.uint16BE(short)
        writer.uint32LE(word)
        writer.uint32BE(word)
        writer.uint64LE(long)
        writer.bothEndianUInt16(short)
        writer.bothEndianUInt32(word)
        writer.padded("VOLUME".utf8, width: 32)
        writer.append(Array("CD001".utf8))
        writer.align(to: 64)  // 70 bytes of fields → 128
        #expect(writer.count == 128)

        var reader = ByteReader(writer.bytes[...], at: 0x8000, structure: "round trip")
        #expect(try reader.uint8() == byte)
        #expect(try reader.uint16LE() == short)
        #expect(try reader.uint16BE() == short)
        #expect(try reader.uint32LE() == word)
        #expect(try reader.uint32BE() == word)
        #expect(try reader.uint64LE() == long)
        #expect(try reader.bothEndianUInt16(field: "short") == short)
        #expect(try reader.bothEndianUInt32(field: "word") == word)
        #expect(try reader.paddedString(32) == "VOLUME")
        try reader.expect(Array("CD001".utf8))
        #expect(try reader.bytes(reader.remaining).allSatisfy { $0 == 0 })
    }
}
