import BinaryIO
import Testing

@testable import ISO9660

@Suite("RockRidgeAttributes")
struct RockRidgeAttributesTests {
    static let samples: [RockRidgeAttributes] = [
        RockRidgeAttributes(),
        RockRidgeAttributes(mode: 0o100644, links: 1, uid: 1000, gid: 1000, name: "a.txt", modificationTime: 1_700_000_000),
        RockRidgeAttributes(
            mode: 0o40755, links: 2, uid: 0, gid: 0, serial: 42, name: String(repeating: "long-name-", count: 60),
            modificationTime: 1_700_000_000, accessTime: 1_700_000_100, attributeChangeTime: 1_700_000_200,
            creationTime: 1_600_000_000),
        RockRidgeAttributes(mode: 0o120777, links: 1, uid: 0, gid: 0, name: "abs", symlinkTarget: "/usr/bin/env"),
        RockRidgeAttributes(mode: 0o120777, links: 1, uid: 0, gid: 0, name: "up", symlinkTarget: ".."),
        RockRidgeAttributes(name: "rel", symlinkTarget: "../a.txt"),
        RockRidgeAttributes(name: "dot", symlinkTarget: "."),
        RockRidgeAttributes(name: "root", symlinkTarget: "/"),
        RockRidgeAttributes(
            name: "deep-link",
            symlinkTarget: "/" + (1...40).map { "directory-\($0)" }.joined(separator: "/") + "/" + String(repeating: "f", count: 400)),
        RockRidgeAttributes(mode: 0o60660, links: 1, uid: 0, gid: 6, name: "sda", deviceNumber: DeviceNumber(high: 0, low: 0x0800)),
        RockRidgeAttributes(
            mode: 0o20666, links: 1, uid: 0, gid: 0, name: "big-dev",
            deviceNumber: DeviceNumber(high: 0x0000_0103, low: 0xFFFF_0001)),
        RockRidgeAttributes(name: "ünïcødé 名前 🎉 " + String(repeating: "é", count: 200)),
        RockRidgeAttributes(name: ""),
        RockRidgeAttributes(mode: 0o40755, links: 2, uid: 0, gid: 0, name: "moved", childLinkLBA: 0x40),
        RockRidgeAttributes(mode: 0o40755, links: 2, uid: 0, gid: 0, parentLinkLBA: 0x18),
        RockRidgeAttributes(mode: 0o40755, links: 2, uid: 0, gid: 0, name: "moved", isRelocated: true),
        RockRidgeAttributes(accessTime: 0),
    ]

    @Test("attributes round-trip through entries and bytes", arguments: samples, [false, true])
    func roundTrip(attributes: RockRidgeAttributes, timestampsLong: Bool) throws {
        let entries = attributes.entries(timestampsLong: timestampsLong)
        for entry in entries { #expect(entry.encode().count <= 255) }
        let bytes = SystemUseArea.encode(entries)
        let decoded = try SystemUseArea.decode(bytes[...], at: 0)
        #expect(decoded == entries)
        #expect(try RockRidgeAttributes(entries: decoded) == attributes)
    }

    @Test("entries come in the order PX, PN, SL, NM, CL, PL, RE, TF")
    func order() {
        let attributes = RockRidgeAttributes(
            mode: 0o120777, links: 1, uid: 0, gid: 0, name: String(repeating: "n", count: 300), symlinkTarget: "a/b",
            deviceNumber: DeviceNumber(high: 0, low: 1), modificationTime: 0, childLinkLBA: 1, parentLinkLBA: 2,
            isRelocated: true)
        #expect(attributes.entries().map(\.signature) == ["PX", "PN", "SL", "NM", "NM", "CL", "PL", "RE", "TF"])
    }

    @Test("PX is written with defaults when only some of its fields are set")
    func partialPOSIX() {
        #expect(
            RockRidgeAttributes(uid: 7).entries() == [.posixAttributes(POSIXAttributes(mode: 0, links: 1, uid: 7, gid: 0))])
    }

    @Test("a name split across the system use field and a continuation area, as genisoimage writes it")
    func nameAcrossContinuation() throws {
        let entries: [SystemUseEntry] = [
            .rockRidgeFlags(0x89),
            .alternateName(AlternateNameEntry(flags: .continue, name: Array("first-".utf8))),
            .continuation(ContinuationArea(blockLBA: 24, offset: 0, length: 20)),
            .posixAttributes(POSIXAttributes(mode: 0o100644, links: 1, uid: 0, gid: 0)),
            .alternateName(AlternateNameEntry(name: Array("second".utf8))),
        ]
        let attributes = try RockRidgeAttributes(entries: entries)
        #expect(attributes.name == "first-second")
        #expect(attributes.mode == 0o100644)
    }

    @Test("NM with CURRENT or PARENT gives no name")
    func dotNames() throws {
        #expect(try RockRidgeAttributes(entries: [.alternateName(.current)]).name == nil)
        #expect(try RockRidgeAttributes(entries: [.alternateName(.parent)]).name == nil)
    }

    @Test("a name that is not UTF-8 is read as ISO 8859-1")
    func latin1Name() throws {
        let entries: [SystemUseEntry] = [.alternateName(AlternateNameEntry(name: [0x63, 0x61, 0x66, 0xE9]))]
        #expect(try RockRidgeAttributes(entries: entries).name == "café")
    }

    @Test("a later TF replaces only the times it records")
    func timestampMerge() throws {
        let entries: [SystemUseEntry] = [
            .timestamps(TimestampsEntry(modification: 100, access: 200)),
            .timestamps(TimestampsEntry(longForm: true, access: 300, attributeChange: 400)),
        ]
        let attributes = try RockRidgeAttributes(entries: entries)
        #expect(attributes.modificationTime == 100)
        #expect(attributes.accessTime == 300)
        #expect(attributes.attributeChangeTime == 400)
        #expect(attributes.creationTime == nil)
    }

    @Test(
        "broken NM and SL continuation",
        arguments: [
            (
                [SystemUseEntry.alternateName(AlternateNameEntry(flags: .continue, name: [0x61]))],
                DecodeError.invalidValue(field: "NM", offset: 0, reason: "the name continues past the last NM entry")
            ),
            (
                [.alternateName(AlternateNameEntry(name: [0x61])), .alternateName(AlternateNameEntry(name: [0x62]))],
                .invalidValue(field: "NM", offset: 0, reason: "a second name follows a complete one")
            ),
            (
                [.symbolicLink(SymbolicLinkEntry(flags: .continue, components: [.root]))],
                .invalidValue(field: "SL", offset: 0, reason: "the link target continues past the last SL entry")
            ),
            (
                [.symbolicLink(SymbolicLinkEntry(components: [.root])), .symbolicLink(SymbolicLinkEntry(components: [.parent]))],
                .invalidValue(field: "SL", offset: 0, reason: "a second link target follows a complete one")
            ),
            (
                [.symbolicLink(SymbolicLinkEntry(components: [SymbolicLinkEntry.Component(flags: .continue, content: [0x61])]))],
                .invalidValue(field: "SL", offset: 0, reason: "the last link component is marked as continued")
            ),
        ])
    func brokenContinuation(entries: [SystemUseEntry], error: DecodeError) {
        #expect(throws: error) { try RockRidgeAttributes(entries: entries) }
    }
}
