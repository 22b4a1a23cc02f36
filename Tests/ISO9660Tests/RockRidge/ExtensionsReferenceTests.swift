import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("ExtensionsReference")
struct ExtensionsReferenceTests {
    @Test("the standard values round-trip and are recognised", arguments: [ExtensionsReference.rockRidge112, .ieeeP1282])
    func standardValues(reference: ExtensionsReference) throws {
        let bytes = reference.encode()
        #expect(bytes.count == 8 + reference.identifier.count + reference.descriptor.count + reference.source.count)
        #expect(bytes.count <= 255)
        #expect(try ExtensionsReference(bytes: bytes[...], at: 0) == reference)
        #expect(reference.isRockRidge)
        #expect(reference.version == 1)
    }

    @Test("Rock Ridge identifiers")
    func identifiers() {
        #expect(ExtensionsReference.rockRidge112.identifierText == "RRIP_1991A")
        #expect(ExtensionsReference.ieeeP1282.identifierText == "IEEE_P1282")
        #expect(ExtensionsReference(identifier: "IEEE_1282", descriptor: "", source: "", version: 1).isRockRidge)
        let other = ExtensionsReference(identifier: "AAIP_0200", descriptor: "AL PROVIDES VIA AAIP 2.0 SUPPORT", source: "", version: 1)
        #expect(!other.isRockRidge)
    }

    @Test("empty texts")
    func emptyTexts() throws {
        let reference = ExtensionsReference(identifier: [], descriptor: [], source: [], version: 7)
        #expect(reference.encode() == Hex.bytes("45 52 08 01 00 00 00 07"))
        #expect(try ExtensionsReference(bytes: reference.encode()[...], at: 0) == reference)
    }

    @Test("texts longer than the entry")
    func textsOverrun() {
        var bytes = ExtensionsReference(identifier: "ABC", descriptor: "DE", source: "F", version: 1).encode()
        bytes[5] = 3
        #expect(throws: DecodeError.fieldOutOfRange(field: "ER text lengths", offset: 0x24, value: 7, limit: 6)) {
            try ExtensionsReference(bytes: bytes[...], at: 0x20)
        }
    }

    @Test("texts shorter than the entry")
    func textsShort() {
        var bytes = ExtensionsReference(identifier: "ABC", descriptor: "DE", source: "F", version: 1).encode()
        bytes[5] = 1
        #expect(throws: DecodeError.invalidValue(field: "ER length", offset: 0x22, reason: "14 bytes, but its texts end at byte 13")) {
            try ExtensionsReference(bytes: bytes[...], at: 0x20)
        }
    }
}
