import Testing

@testable import DiskFormats

@Suite("CRC32")
struct CRC32Tests {
    @Test("the standard check value of 123456789")
    func checkValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("chunked updates equal one checksum")
    func chunks() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var crc = CRC32()
        crc.update(bytes[0..<333])
        crc.update(bytes[333..<334])
        crc.update(bytes[334...])
        #expect(crc.value == CRC32.checksum(bytes))
    }
}
