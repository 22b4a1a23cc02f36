import BinaryIO
import Testing

@testable import ISO9660

@Suite("ContinuationArea")
struct ContinuationAreaTests {
    @Test("round trip", arguments: [
        ContinuationArea(blockLBA: 0, offset: 0, length: 0),
        ContinuationArea(blockLBA: 0x13, offset: 0x7F0, length: 0xED),
        ContinuationArea(blockLBA: .max, offset: .max, length: .max),
    ])
    func roundTrip(area: ContinuationArea) throws {
        let bytes = area.encode()
        #expect(bytes.count == 28)
        #expect(try ContinuationArea(bytes: bytes[...], at: 0) == area)
    }

    @Test("absolute byte offset")
    func byteOffset() {
        #expect(ContinuationArea(blockLBA: 0x13, offset: 0x30, length: 1).byteOffset() == 0x13 * 2048 + 0x30)
        #expect(ContinuationArea(blockLBA: .max, offset: .max, length: 1).byteOffset() == Int64(UInt32.max) * 2049)
    }

    @Test("a length field whose halves disagree")
    func lengthMismatch() {
        var bytes = ContinuationArea(blockLBA: 0x13, offset: 0, length: 0xED).encode()
        bytes[27] = 0xEE
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: "CE length of continuation area", offset: 0x314, littleEndian: 0xED, bigEndian: 0xEE)
        ) { try ContinuationArea(bytes: bytes[...], at: 0x300) }
    }
}
