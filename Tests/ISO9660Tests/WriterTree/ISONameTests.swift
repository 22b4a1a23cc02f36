import TestSupport
import Testing
@testable import ISO9660

@Suite("ISOName")
struct ISONameTests {
    static let fileExamples: [(String, String)] = [
        ("a.txt", "A.TXT;1"),
        ("readme", "README.;1"),
        ("a.txt.gz", "A_TXT.GZ;1"),
        ("name with spaces.txt", "NAME_WITH_SPACES.TXT;1"),
        (".hidden", ".HIDDEN;1"),
        ("foo.", "FOO.;1"),
        ("...", "__.;1"),
        ("a.b.c.d", "A_B_C.D;1"),
        ("ümlaut.txt", "_MLAUT.TXT;1"),
        ("emoji😀.txt", "EMOJI_.TXT;1"),
        ("we*ir:d?.t;x\\t", "WE_IR_D_.T_X_T;1"),
        (String(repeating: "x", count: 40), String(repeating: "X", count: 30) + ".;1"),
        (String(repeating: "y", count: 40) + ".dat", String(repeating: "Y", count: 27) + ".DAT;1"),
        (String(repeating: "l", count: 70) + ".extension", String(repeating: "L", count: 22) + ".EXTENSIO;1"),
        ("a." + String(repeating: "e", count: 40), "A." + String(repeating: "E", count: 29) + ";1"),
        ("." + String(repeating: "h", count: 40), "." + String(repeating: "H", count: 30) + ";1"),
    ]

    @Test(arguments: fileExamples)
    func fileIdentifier(name: String, expected: String) {
        let identifier = ISOName.identifiers(for: [name], areDirectories: [false])
        #expect(identifier == [expected])
        #expect(ISOName.isValid(expected, isDirectory: false))
    }

    @Test(arguments: [
        ("boot", "BOOT"), ("Dir.With.Dots", "DIR_WITH_DOTS"), ("x86_64", "X86_64"), ("日本語", "___"),
        (String(repeating: "d", count: 40), String(repeating: "D", count: 31)),
    ])
    func directoryIdentifier(name: String, expected: String) {
        #expect(ISOName.identifiers(for: [name], areDirectories: [true]) == [expected])
        #expect(ISOName.isValid(expected, isDirectory: true))
    }

    @Test func clashesGetNumbersInHostNameOrder() {
        #expect(ISOName.identifiers(for: ["a.txt", "A.TXT"], areDirectories: [false, false]) == ["A1.TXT;1", "A.TXT;1"])
        #expect(
            ISOName.identifiers(for: ["foo_bar", "foo-bar", "FOO+BAR"], areDirectories: [false, false, false])
                == ["FOO_BAR2.;1", "FOO_BAR1.;1", "FOO_BAR.;1"])
        // A variant never takes the identifier another name gets on its own.
        #expect(
            ISOName.identifiers(for: ["a.txt", "b.txt", "A1.TXT", "a.TXT"], areDirectories: [false, false, false, false])
                == ["A2.TXT;1", "B.TXT;1", "A1.TXT;1", "A.TXT;1"])
        // A file FOO. and a directory FOO clash: readers that drop the trailing dot would show both as FOO.
        #expect(ISOName.identifiers(for: ["foo.", "FOO"], areDirectories: [false, true]) == ["FOO1.;1", "FOO"])
        // Long names are shortened to make room for the number.
        let long = String(repeating: "q", count: 40)
        #expect(
            ISOName.identifiers(for: [long + "b", long + "a"], areDirectories: [true, true])
                == [String(repeating: "Q", count: 30) + "1", String(repeating: "Q", count: 31)])
        #expect(
            ISOName.identifiers(for: [".hidden", ".HIDDEN"], areDirectories: [false, false])
                == ["1.HIDDEN;1", ".HIDDEN;1"])
    }

    @Test func unchangedNameKeepsItsIdentifier() {
        // "a_b" maps to itself in Joliet terms; here "README.TXT" is already an ISO 9660 name and wins over "readme.txt".
        #expect(
            ISOName.identifiers(for: ["readme.txt", "README.TXT"], areDirectories: [false, false])
                == ["README1.TXT;1", "README.TXT;1"])
        #expect(ISOName.identifiers(for: ["boot", "BOOT"], areDirectories: [true, true]) == ["BOOT1", "BOOT"])
    }

    static let awkwardNames: [String] =
        ["a.txt", "A.TXT", "a.txt.gz", "readme", "README", "readme.", "Readme.md", "a", "A", ".a", "..a", "a..", "...",
         "a b", "a_b", "a-b", "a+b", "Ä", "ä", "名前", "名字", "😀", "😁", "x.y.z", "x_y.z", "x.y_z"]
        + (0..<30).map { String(repeating: "long-name-", count: 4) + String($0) }
        + (0..<30).map { String(repeating: "n", count: 40) + ".extension\($0)" }
        + (0..<12).map { "." + String(repeating: "h", count: 35) + String($0) }

    @Test func identifiersAreValidUniqueAndIndependentOfInputOrder() {
        let flags = Self.awkwardNames.indices.map { $0 % 3 == 0 }
        let identifiers = ISOName.identifiers(for: Self.awkwardNames, areDirectories: flags)
        #expect(Set(identifiers.map { ISOName.clashKey(Array($0.utf8)) }).count == identifiers.count)
        for (identifier, isDirectory) in zip(identifiers, flags) {
            #expect(ISOName.isValid(identifier, isDirectory: isDirectory), "\(identifier)")
        }
        let reversed = ISOName.identifiers(
            for: Self.awkwardNames.reversed(), areDirectories: flags.reversed())
        #expect(Array(reversed.reversed()) == identifiers)
    }

    @Test func thousandsOfClashesStayUniqueAndShort() {
        let names = (0..<2000).map { "same-prefix-" + String(repeating: "z", count: 30) + "-\($0).log" }
        let identifiers = ISOName.identifiers(for: names, areDirectories: names.map { _ in false })
        #expect(Set(identifiers).count == names.count)
        #expect(identifiers.allSatisfy { ISOName.isValid($0, isDirectory: false) })
    }

    @Test func sortKeyGivesTheRecordOrderOfRealTools() {
        // Record order of a root directory written by genisoimage and xorriso (`-J`), with `.` and `..` first.
        let expected = ["\u{0}", "\u{1}", "A.;1", "A.A;1", "A.B;1", "AB", "AB.A;1", "A_B.;1", "A_B.C;1", "A_C.;1", "B"]
        let sorted = expected.reversed().sorted {
            ISOName.sortKey($0).lexicographicallyPrecedes(ISOName.sortKey($1))
        }
        #expect(sorted == expected)
        #expect(ISOName.sortKey("A.B;1") == ISOName.sortKey("A.B"))
        #expect(ISOName.sortKey("A .B ;1") == ISOName.sortKey("A.B"))
    }

    @Test(arguments: [
        ("A.TXT;1", false, true), ("README.;1", false, true), (".HIDDEN;1", false, true), ("A.TXT", false, false),
        ("A.B.C;1", false, false), ("a.txt;1", false, false), ("A", true, true), ("A.B", true, false),
        (String(repeating: "X", count: 30) + ".;1", false, true), (String(repeating: "X", count: 31) + ".;1", false, false),
        (String(repeating: "D", count: 31), true, true), (String(repeating: "D", count: 32), true, false), ("", true, false),
    ])
    func validity(identifier: String, isDirectory: Bool, valid: Bool) {
        #expect(ISOName.isValid(identifier, isDirectory: isDirectory) == valid)
    }

    /// Names xorriso and genisoimage shorten or mangle differently from us; both must stay within ECMA-119 limits, and
    /// where nobody needs to mangle, the identifiers agree.
    @Test(.oracles("xorriso", "genisoimage", "isoinfo"))
    func limitsMatchXorrisoAndGenisoimage() async throws {
        let fixture = try TemporaryDirectory(prefix: "isokit-tree")
        let files = ["a.txt", "A.TXT", "a.txt.gz", "readme", "name with spaces.txt", ".hidden", "a.b.c.d",
                     "ümlaut.txt", "foo-bar", "foo_bar", String(repeating: "x", count: 40),
                     String(repeating: "y", count: 40) + ".dat", String(repeating: "l", count: 70) + ".extension"]
        let directories = ["Dir.With.Dots", String(repeating: "d", count: 40), "lower"]
        var nodes: [String: FileTree.Node] = [:]
        for name in files { nodes["src/" + name] = .text("") }
        for name in directories { nodes["src/" + name] = .directory() }
        try FileTree.write(nodes, under: fixture.path)
        let ours = Set(ISOName.identifiers(
            for: files + directories, areDirectories: files.map { _ in false } + directories.map { _ in true }))

        for tool in ["xorriso", "genisoimage"] {
            let image = fixture.path("\(tool).iso")
            let arguments = ["-iso-level", "3", "-J", "-o", image, fixture.path("src")]
            if tool == "xorriso" {
                try await Tool.run(
                    "xorriso", ["-as", "mkisofs", "-quiet"] + arguments, environment: Tool.reproducibleEnvironment)
            } else {
                try await Tool.run("genisoimage", ["-quiet"] + arguments, environment: Tool.reproducibleEnvironment)
            }
            let theirs = try await IsoinfoListing.read(image: image).names()
            #expect(theirs.count == files.count + directories.count)
            for identifier in theirs {
                let body = identifier.hasSuffix(";1") ? identifier.dropLast(2) : identifier[...]
                // §7.5.1 / §7.6.3: name + extension ≤ 30 (31 with the dot), directories ≤ 31.
                #expect(body.count <= 31, "\(tool): \(identifier)")
            }
            // Unmangled, unshortened-alike names agree exactly.
            // (Both write one `_` per byte of "ü" under LC_ALL=C, where we write one per character.)
            let agreed = ["A_TXT.GZ;1", "README.;1", "NAME_WITH_SPACES.TXT;1", "A_B_C.D;1",
                          String(repeating: "X", count: 30) + ".;1", String(repeating: "Y", count: 27) + ".DAT;1",
                          "LOWER"]
            for identifier in agreed {
                #expect(ours.contains(identifier))
                #expect(theirs.contains(identifier), "\(tool) lists \(theirs)")
            }
        }
    }
}
