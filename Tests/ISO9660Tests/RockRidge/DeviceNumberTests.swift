import BinaryIO
import Testing

@testable import ISO9660

@Suite("DeviceNumber")
struct DeviceNumberTests {
    @Test("round trip", arguments: [DeviceNumber(high: 0, low: 0x0103), DeviceNumber(high: .max, low: 1)])
    func roundTrip(device: DeviceNumber) throws {
        let bytes = device.encode()
        #expect(bytes.count == 20)
        #expect(Array(bytes[0..<4]) == [0x50, 0x4E, 20, 1])
        #expect(try DeviceNumber(bytes: bytes[...], at: 0) == device)
    }

    @Test("a low half whose halves disagree")
    func lowMismatch() {
        var bytes = DeviceNumber(high: 0, low: 0x0103).encode()
        bytes[12] = 0x04
        #expect(
            throws: DecodeError.byteOrderMismatch(field: "PN device number low", offset: 0x4C, littleEndian: 0x0104, bigEndian: 0x0103)
        ) { try DeviceNumber(bytes: bytes[...], at: 0x40) }
    }
}
