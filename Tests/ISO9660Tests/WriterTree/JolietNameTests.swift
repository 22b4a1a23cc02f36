import TestSupport
import Testing
@testable import ISO9660

@Suite("JolietName")
struct JolietNameTests {
    /// The identifier of one file called `name`, decoded back to a string for readable expectations.
    static func single(_ name: String, isDirectory: Bool = false) -> String {
        let bytes = JolietName.identifiers(for: [name], areDirectories: [isDirectory])[0]
        return String(decoding: stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }, as: UTF16.self)
    }

    @Test(arguments: [
        ("a.txt", "a.txt"), ("Name With Spaces.TXT", "Name With Spaces.TXT"), ("ümlaut-名前.txt", "ümlaut-名前.txt"),
        ("we*ir:d?.t;x\\t", "we_ir_d_.t_x_t"), ("tab\there\u{1}", "tab_here_"), ("emoji😀.txt", "emoji_.txt"),
        ("👍👍", "__"), (".bashrc", ".bashrc"),
        (String(repeating: "l", count: 70) + ".extension", String(repeating: "l", count: 54) + ".extension"),
        (String(repeating: "m", count: 70) + ".ext", String(repeating: "m", count: 60) + ".ext"),
        (String(repeating: "x", count: 100), String(repeating: "x", count: 64)),
        (String(repeating: "x", count: 60) + ".a-very-long-extension-indeed", String(repeating: "x", count: 60) + ".a-v"),
        ("." + String(repeating: "h", count: 70), "." + String(repeating: "h", count: 63)),
    ])
    func identifier(name: String, expected: String) {
        #expect(Self.single(name) == expected)
        #expect(Self.single(name).utf16.count <= JolietName.maxIdentifierLength)
    }

    @Test func encodingIsUCS2BigEndianWithoutVersion() {
        #expect(JolietName.identifiers(for: ["aé"], areDirectories: [false]) == [[0x00, 0x61, 0x00, 0xE9]])
        #expect(JolietName.identifiers(for: ["名"], areDirectories: [true]) == [[0x54, 0x0D]])
    }

    @Test func clashesGetNumbersBeforeTheExtension() {
        let names = ["a?b.txt", "a*b.txt", "a_b.txt", "a:b.txt"]
        let got = JolietName.identifiers(for: names, areDirectories: [false, false, false, false]).map {
            JolietName.decode($0[...])
        }
        // "a_b.txt" needs no change and keeps its name; the others follow in byte order: '*' < ':' < '?'.
        #expect(got == ["a_b3.txt", "a_b1.txt", "a_b.txt", "a_b2.txt"])
        let long = String(repeating: "m", count: 70)
        let shortened = JolietName.identifiers(
            for: [long + "b.ext", long + "a.ext", long + ".ext2"], areDirectories: [false, false, false]
        ).map { JolietName.decode($0[...]) }
        #expect(shortened == [
            String(repeating: "m", count: 59) + "1.ext", String(repeating: "m", count: 60) + ".ext",
            String(repeating: "m", count: 59) + ".ext2",
        ])
    }

    @Test func caseDifferencesAreKept() {
        let got = JolietName.identifiers(for: ["a.txt", "A.TXT"], areDirectories: [false, false])
        #expect(got.map { JolietName.decode($0[...]) } == ["a.txt", "A.TXT"])
    }

    @Test func identifiersAreUniqueBoundedAndIndependentOfInputOrder() {
        let names = ISONameTests.awkwardNames + ["a*", "a?", "a_", "a/", "😀😀", "😁😁", "__"]
            + (0..<40).map { String(repeating: "ü", count: 70) + "\($0)" }
        let flags = names.indices.map { $0 % 4 == 0 }
        let identifiers = JolietName.identifiers(for: names, areDirectories: flags)
        #expect(Set(identifiers).count == names.count)
        #expect(identifiers.allSatisfy { $0.count <= 2 * JolietName.maxIdentifierLength && $0.count % 2 == 0 })
        let reversed = JolietName.identifiers(for: names.reversed(), areDirectories: flags.reversed())
        #expect(Array(reversed.reversed()) == identifiers)
    }

    @Test(arguments: ["a.txt", "Name With Spaces", "ümlaut-名前.tar.gz", ".hidden", String(repeating: "z", count: 64)])
    func decodeRoundTrip(name: String) {
        let identifier = JolietName.identifiers(for: [name], areDirectories: [false])[0]
        #expect(JolietName.decode(identifier[...]) == name)
        #expect(JolietName.decode((identifier + [0x00, 0x3B, 0x00, 0x31])[...]) == name)
    }

    @Test func decodeToleratesUTF16AndOddLengths() {
        #expect(JolietName.decode([0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x3B, 0x00, 0x31][...]) == "😀")
        #expect(JolietName.decode([0x00, 0x61, 0x00][...]) == "a")
        #expect(JolietName.decode([0xD8, 0x3D][...]) == "\u{FFFD}")
        #expect(JolietName.decode([][...]) == "")
        // Only a numeric version is stripped.
        #expect(JolietName.decode([0x00, 0x61, 0x00, 0x3B, 0x00, 0x78][...]) == "a;x")
    }

    @Test func sortKeyIsCodeUnitOrder() {
        // Record order of the Joliet root written by genisoimage and xorriso for these names.
        let expected = ["a", "a b", "a-c", "a.a", "a.b", "a.b.c", "ab"]
        let identifiers = JolietName.identifiers(for: expected, areDirectories: expected.map { _ in false })
        let sorted = identifiers.reversed().sorted {
            JolietName.sortKey($0).lexicographicallyPrecedes(JolietName.sortKey($1))
        }
        #expect(sorted == identifiers)
        #expect(JolietName.sortKey([0x00, 0x61, 0x00, 0x3B, 0x00, 0x31]) == [0x00, 0x61])
    }

    /// xorriso and genisoimage agree with us on names that need no shortening, and everyone keeps to 64 units —
    /// except xorriso, which writes 65 when it shortens a name (a known difference, noted in the report).
    @Test(.oracles("xorriso", "genisoimage", "isoinfo"))
    func matchesXorrisoAndGenisoimage() async throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        let plain = ["a.txt", "A.TXT", "name with spaces.txt", ".hidden", "a.b.c.d", "FOO+BAR", "foo_bar",
                     String(repeating: "x", count: 64), String(repeating: "d", count: 40) + ".dir"]
        let changed = ["we*ir:d?.t;x\\t", String(repeating: "l", count: 70) + ".extension"]
        try FileTree.write(
            Dictionary(uniqueKeysWithValues: (plain + changed).map { ("src/" + $0, .text("")) }), under: fixture.path)
        let ours = JolietName.identifiers(for: plain + changed, areDirectories: (plain + changed).map { _ in false })
            .map { JolietName.decode($0[...]) }
        #expect(ours.last == String(repeating: "l", count: 54) + ".extension")

        for tool in ["xorriso", "genisoimage"] {
            let image = fixture.path("\(tool).iso")
            let arguments = ["-J", "-o", image, fixture.path("src")]
            if tool == "xorriso" {
                try await Tool.run(
                    "xorriso", ["-as", "mkisofs", "-quiet"] + arguments, environment: Tool.reproducibleEnvironment)
            } else {
                try await Tool.run("genisoimage", ["-quiet"] + arguments, environment: Tool.reproducibleEnvironment)
            }
            let theirs = try await IsoinfoListing.read(image: image, joliet: true).names()
            #expect(theirs.count == plain.count + changed.count)
            for name in plain + ["we_ir_d_.t_x_t"] {
                #expect(theirs.contains(name), "\(tool) lists \(theirs)")
                #expect(ours.contains(name))
            }
            let longest = theirs.map(\.utf16.count).max() ?? 0
            #expect(longest <= (tool == "xorriso" ? 65 : 64), "\(tool): \(theirs)")
        }
    }
}
