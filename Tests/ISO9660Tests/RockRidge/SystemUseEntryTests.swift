import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("SystemUseEntry")
struct SystemUseEntryTests {
    static let base: Int64 = 0x1A800

    static let everyKind: [SystemUseEntry] = [
        .sharingProtocol(skipBytes: 0),
        .sharingProtocol(skipBytes: 14),
        .continuation(ContinuationArea(blockLBA: 0x13, offset: 0x30, length: 0xED)),
        .padding(length: 4),
        .padding(length: 9),
        .terminator,
        .extensionsReference(.rockRidge112),
        .extensionsReference(.ieeeP1282),
        .rockRidgeFlags(0x89),
        .posixAttributes(POSIXAttributes(mode: 0o100644, links: 1, uid: 1000, gid: 100)),
        .posixAttributes(POSIXAttributes(mode: 0o40755, links: 3, uid: 0, gid: 0, serial: 0xDEAD_BEEF)),
        .deviceNumber(high: 0, low: 0x0801),
        .deviceNumber(high: 0x1234_5678, low: 0x9ABC_DEF0),
        .symbolicLink(SymbolicLinkEntry(components: [.root, SymbolicLinkEntry.Component(content: Array("usr".utf8))])),
        .symbolicLink(SymbolicLinkEntry(flags: .continue, components: [.parent, .current])),
        .alternateName(AlternateNameEntry(name: Array("a.txt".utf8))),
        .alternateName(.current),
        .alternateName(AlternateNameEntry(flags: .continue, name: Array(repeating: 0x6E, count: 250))),
        .childLink(0x1234),
        .parentLink(0x18),
        .relocatedDirectory,
        .timestamps(TimestampsEntry(modification: 1_700_000_000, access: 1_700_000_001, attributeChange: 1_700_000_002)),
        .timestamps(TimestampsEntry(longForm: true, creation: 1_000_000_000, modification: 1_700_000_000, effective: 86_400)),
        .timestamps(TimestampsEntry(flags: [], values: [])),
        .unknown(signature: Array("ZF".utf8), version: 1, data: [0x70, 0x7A, 0x04, 0x0F, 0, 0, 0, 1, 1, 0, 0, 0]),
        .unknown(signature: Array("AL".utf8), version: 1, data: [0x00, 0x01, 0x02]),
        .unknown(signature: Array("PX".utf8), version: 2, data: [1, 2, 3]),
        .unknown(signature: Array("PD".utf8), version: 1, data: [0xFF, 0x00]),
    ]

    @Test("every entry kind round-trips", arguments: everyKind)
    func roundTrip(entry: SystemUseEntry) throws {
        let bytes = entry.encode()
        #expect(bytes.count >= 4 && bytes.count <= 255)
        #expect(Int(bytes[2]) == bytes.count)
        #expect(String(decoding: bytes[0..<2], as: UTF8.self) == entry.signature)
        #expect(try SystemUseEntry(bytes: bytes[...], at: Self.base) == entry)
    }

    @Test("entries written by xorriso decode to the expected values and re-encode byte-exact")
    func xorrisoBytes() throws {
        let cases: [(String, SystemUseEntry)] = [
            ("53 50 07 01 BE EF 00", .sharingProtocol(skipBytes: 0)),
            (
                "43 45 1C 01 13 00 00 00 00 00 00 13 00 00 00 00 00 00 00 00 ED 00 00 00 00 00 00 ED",
                .continuation(ContinuationArea(blockLBA: 0x13, offset: 0, length: 0xED))
            ),
            ("4E 4D 0A 01 00 61 2E 74 78 74", .alternateName(AlternateNameEntry(name: Array("a.txt".utf8)))),
            ("4E 4D 05 01 02", .alternateName(.current)),
            ("53 4C 07 01 00 04 00", .symbolicLink(SymbolicLinkEntry(components: [.parent]))),
            ("52 52 05 01 89", .rockRidgeFlags(0x89)),
        ]
        for (hex, expected) in cases {
            let bytes = Hex.bytes(hex)
            let entry = try SystemUseEntry(bytes: bytes[...], at: Self.base)
            #expect(entry == expected)
            #expect(entry.encode() == bytes)
        }
    }

    @Test("a version other than 1 keeps a known entry as unknown bytes")
    func otherVersion() throws {
        let bytes = Hex.bytes("52 45 04 02")
        let entry = try SystemUseEntry(bytes: bytes[...], at: Self.base)
        #expect(entry == .unknown(signature: Array("RE".utf8), version: 2, data: []))
        #expect(entry.encode() == bytes)
    }

    @Test("SP check bytes other than BE EF")
    func badCheckBytes() {
        var bytes = SystemUseEntry.sharingProtocol(skipBytes: 0).encode()
        bytes[4] = 0
        #expect(throws: DecodeError.badSignature(structure: "SP entry", offset: Self.base + 4, expected: [0xBE, 0xEF], found: [0, 0xEF])) {
            try SystemUseEntry(bytes: bytes[...], at: Self.base)
        }
    }

    @Test(
        "a fixed-size entry with another length byte",
        arguments: [
            (SystemUseEntry.sharingProtocol(skipBytes: 0), "SP", "6 bytes, expected 7"),
            (.terminator, "ST", "5 bytes, expected 4"),
            (.rockRidgeFlags(0x81), "RR", "4 bytes, expected 5"),
            (.childLink(7), "CL", "11 bytes, expected 12"),
            (.parentLink(7), "PL", "13 bytes, expected 12"),
            (.relocatedDirectory, "RE", "5 bytes, expected 4"),
            (.deviceNumber(high: 0, low: 1), "PN", "19 bytes, expected 20"),
            (.continuation(ContinuationArea(blockLBA: 1, offset: 2, length: 3)), "CE", "27 bytes, expected 28"),
        ])
    func wrongFixedLength(entry: SystemUseEntry, signature: String, reason: String) {
        var bytes = entry.encode() + [0]
        let length = Int(reason.prefix { $0 != " " }) ?? 0
        bytes[2] = UInt8(length)
        #expect(throws: DecodeError.invalidValue(field: "\(signature) length", offset: Self.base + 2, reason: reason)) {
            try SystemUseEntry(bytes: bytes[...], at: Self.base)
        }
    }

    @Test("a length byte below 4 or past the bytes given")
    func badLengthByte() {
        var bytes = SystemUseEntry.relocatedDirectory.encode()
        bytes[2] = 3
        #expect(throws: DecodeError.truncated(structure: "system use entry", offset: Self.base, needed: 4, available: 3)) {
            try SystemUseEntry(bytes: bytes[...], at: Self.base)
        }
        bytes[2] = 6
        #expect(throws: DecodeError.truncated(structure: "system use entry", offset: Self.base, needed: 6, available: 4)) {
            try SystemUseEntry(bytes: bytes[...], at: Self.base)
        }
    }

    @Test("CL whose halves disagree")
    func byteOrderMismatch() {
        var bytes = SystemUseEntry.childLink(0x1234).encode()
        bytes[11] = 0x35
        #expect(
            throws: DecodeError.byteOrderMismatch(field: "CL location", offset: Self.base + 4, littleEndian: 0x1234, bigEndian: 0x1235)
        ) { try SystemUseEntry(bytes: bytes[...], at: Self.base) }
    }
}
