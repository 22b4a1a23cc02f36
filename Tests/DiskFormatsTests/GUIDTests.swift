import BinaryIO
import Foundation
import Testing

@testable import DiskFormats

@Suite("GUID")
struct GUIDTests {
    @Test("text and on-disk forms of the EFI system partition type")
    func efiSystemPartition() throws {
        let onDisk: [UInt8] = [
            0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B,
        ]
        #expect(GUID.efiSystemPartition.bytes == onDisk)
        #expect(GUID.efiSystemPartition.string == "C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
        #expect(try GUID(bytes: onDisk[...], at: 0) == .efiSystemPartition)
        #expect(GUID(string: "{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}") == .basicData)
        #expect(GUID.unused.isUnused && !GUID.basicData.isUnused)
    }

    @Test("malformed text is rejected", arguments: [
        "", "C12A7328F81F11D2BA4B00A0C93EC93B", "C12A7328-F81F-11D2-BA4B-00A0C93EC93", "G12A7328-F81F-11D2-BA4B-00A0C93EC93B",
        "C12A7328-F81F-11D2-BA4B00-A0C93EC93B", "{C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
    ])
    func malformed(text: String) {
        #expect(GUID(string: text) == nil)
    }

    @Test("a short field is truncated")
    func truncated() {
        #expect(throws: DecodeError.truncated(structure: "GUID", offset: 0x400, needed: 16, available: 15)) {
            try GUID(bytes: Array(repeating: 0, count: 15)[...], at: 0x400)
        }
    }

    @Test("derived GUIDs are stable, version 4, RFC 4122 variant, and differ by seed")
    func derived() {
        let disk = GUID.derived(from: Array("isokit disk".utf8))
        #expect(disk == GUID.derived(from: Array("isokit disk".utf8)))
        // Checked against an independent Python implementation of the same construction.
        #expect(disk.string == "6A9BD7C8-FE84-4173-B06B-86E28DD3D23A")
        for seed in ["", "a", "b", "isokit disk"] {
            let text = GUID.derived(from: Array(seed.utf8)).string
            let characters = Array(text)
            #expect(characters[14] == "4")
            #expect("89AB".contains(characters[19]))
        }
        #expect(GUID.derived(from: Array("a".utf8)) != GUID.derived(from: Array("b".utf8)))
    }

    @Test("Codable uses the text form")
    func codable() throws {
        let json = try JSONEncoder().encode([GUID.basicData])
        #expect(String(decoding: json, as: UTF8.self) == #"["EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"]"#)
        #expect(try JSONDecoder().decode([GUID].self, from: json) == [.basicData])
    }
}
