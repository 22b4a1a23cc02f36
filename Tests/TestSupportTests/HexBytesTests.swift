import BinaryIO
import Testing

@testable import TestSupport

@Suite("Hex.bytes")
struct HexBytesTests {
    @Test("parses hex digits of either case, ignoring whitespace")
    func parses() {
        #expect(Hex.bytes("50 58 24 01") == [0x50, 0x58, 0x24, 0x01])
        #expect(Hex.bytes("deadBEEF") == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Hex.bytes("  0a\n0B\t") == [0x0A, 0x0B])
        #expect(Hex.bytes("") == [])
    }

    @Test("is the reverse of Hex.string")
    func roundTrip() {
        let bytes = Array(0...255) as [UInt8]
        #expect(Hex.bytes(Hex.string(bytes)) == bytes)
    }
}
