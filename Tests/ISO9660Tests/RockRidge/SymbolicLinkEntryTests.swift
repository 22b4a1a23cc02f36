import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("SymbolicLinkEntry")
struct SymbolicLinkEntryTests {
    /// The SL entry xorriso writes for `/usr/bin/env`.
    static let xorrisoAbsolute = Hex.bytes("53 4C 16 01 00 08 00 00 03 75 73 72 00 03 62 69 6E 00 03 65 6E 76")

    @Test("an absolute target from xorriso")
    func xorrisoTarget() throws {
        let entry = try SymbolicLinkEntry(bytes: Self.xorrisoAbsolute[...], at: 0)
        #expect(entry.flags == [])
        #expect(entry.components.map(\.flags) == [.root, [], [], []])
        #expect(SymbolicLinkEntry.target(of: entry.components) == Array("/usr/bin/env".utf8))
        #expect(entry.encode() == Self.xorrisoAbsolute)
        #expect(SymbolicLinkEntry.entries(forTarget: Array("/usr/bin/env".utf8)) == [entry])
    }

    static let targets: [String] = [
        "/", ".", "..", "a", "a/b", "../a.txt", "./x", "/usr/bin/env", "../../..", "a//b", "a/", "//net", "",
        "dir/" + String(repeating: "x", count: 300) + "/end",
        "/" + (1...30).map { "component-\($0)" }.joined(separator: "/"),
        String(repeating: "../", count: 100) + "etc",
        "ünïcødé/ターゲット",
        String(repeating: "y", count: 248),
        String(repeating: "z", count: 249),
    ]

    @Test("a target splits into entries of at most 255 bytes and joins back", arguments: targets)
    func targetRoundTrip(target: String) throws {
        let entries = SymbolicLinkEntry.entries(forTarget: Array(target.utf8))
        var components: [SymbolicLinkEntry.Component] = []
        for (index, entry) in entries.enumerated() {
            let bytes = entry.encode()
            #expect(bytes.count <= 255)
            #expect(entry.flags.contains(.continue) == (index < entries.count - 1))
            let decoded = try SymbolicLinkEntry(bytes: bytes[...], at: 0)
            #expect(decoded == entry)
            components += decoded.components
        }
        #expect(SymbolicLinkEntry.target(of: components) == Array(target.utf8))
    }

    @Test("special components use flags, not text")
    func specialComponents() {
        let entries = SymbolicLinkEntry.entries(forTarget: Array("/../.".utf8))
        #expect(entries == [SymbolicLinkEntry(components: [.root, .parent, .current])])
    }

    @Test("a component longer than one entry is split with the component CONTINUE flag")
    func longComponent() {
        let entries = SymbolicLinkEntry.entries(forTarget: Array(String(repeating: "q", count: 600).utf8))
        #expect(entries.count == 3)
        #expect(entries.flatMap(\.components).map(\.content.count) == [248, 248, 104])
        #expect(entries.flatMap(\.components).map(\.flags) == [.continue, .continue, []])
    }

    @Test("a component that fits a fresh entry is not split")
    func noNeedlessSplit() {
        let target = String(repeating: "a", count: 200) + "/" + String(repeating: "b", count: 100)
        let entries = SymbolicLinkEntry.entries(forTarget: Array(target.utf8))
        #expect(entries.map { $0.components.map(\.content.count) } == [[200], [100]])
        #expect(entries.flatMap(\.components).allSatisfy { $0.flags == [] })
    }

    @Test("a component running past the entry")
    func componentOverrun() {
        var bytes = Self.xorrisoAbsolute
        bytes[18] = 4
        #expect(throws: DecodeError.fieldOutOfRange(field: "SL component length", offset: 0x412, value: 4, limit: 3)) {
            try SymbolicLinkEntry(bytes: bytes[...], at: 0x400)
        }
    }

    @Test("a single byte left for a component record")
    func componentHeaderCut() {
        let bytes = Hex.bytes("53 4C 08 01 00 04 00 00")
        #expect(throws: DecodeError.truncated(structure: "SL component", offset: 0x108, needed: 1, available: 0)) {
            try SymbolicLinkEntry(bytes: bytes[...], at: 0x100)
        }
    }

    @Test("an SL entry shorter than 5 bytes")
    func tooShort() {
        let bytes = Hex.bytes("53 4C 04 01")
        #expect(throws: DecodeError.invalidValue(field: "SL length", offset: 0x102, reason: "4 bytes, expected at least 5")) {
            try SymbolicLinkEntry(bytes: bytes[...], at: 0x100)
        }
    }
}
