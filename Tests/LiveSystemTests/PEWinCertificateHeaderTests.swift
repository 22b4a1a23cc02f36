import BinaryIO
import LiveSystem
import Testing

@Suite("PEWinCertificateHeader")
struct PEWinCertificateHeaderTests {
    @Test("round trip", arguments: [
        PEWinCertificateHeader(length: 0x5B8), PEWinCertificateHeader(length: 8, revision: 0x0100, certificateType: 1),
    ])
    func roundTrip(header: PEWinCertificateHeader) throws {
        let bytes = header.encode()
        #expect(bytes.count == PEWinCertificateHeader.size)
        #expect(try PEWinCertificateHeader(bytes: bytes[...], at: 0xD8_7200) == header)
    }

    @Test("Authenticode is revision 2.0 with PKCS #7 signed data")
    func authenticode() {
        #expect(PEWinCertificateHeader(length: 100).encode() == [100, 0, 0, 0, 0x00, 0x02, 0x02, 0x00])
        #expect(PEWinCertificateHeader(length: 100).isAuthenticode)
        #expect(!PEWinCertificateHeader(length: 100, certificateType: 0x0EF1).isAuthenticode)
        #expect(!PEWinCertificateHeader(length: 100, revision: 0x0100).isAuthenticode)
    }

    @Test("a length shorter than the header, and too few bytes: those exact errors")
    func corrupted() {
        var bytes = PEWinCertificateHeader(length: 0x5B8).encode()
        bytes[0] = 4
        bytes[1] = 0
        #expect(throws: DecodeError.invalidValue(field: "dwLength", offset: 0x800, reason: "4 bytes, shorter than its own header")) {
            try PEWinCertificateHeader(bytes: bytes[...], at: 0x800)
        }
        #expect(throws: DecodeError.truncated(structure: "WIN_CERTIFICATE header", offset: 0x800, needed: 8, available: 3)) {
            try PEWinCertificateHeader(bytes: bytes[..<3], at: 0x800)
        }
    }
}
