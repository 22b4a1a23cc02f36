import Testing

@testable import DiskFormats

@Suite("FATShortName")
struct FATShortNameTests {
    @Test(
        "basis names and numeric tails",
        arguments: [
            ("README.TXT", "README.TXT"), ("readme.txt", "README.TXT"), ("Long File Name.text", "LONGFI~1.TEX"),
            ("x.tar.gz", "XTAR~1.GZ"), (".bashrc", "BASHRC~1"), ("ünï.txt", "_N_~1.TXT"), ("a+b", "A_B~1"),
        ])
    func generate(name: String, expected: String) throws {
        let short = try #require(FATShortName.generate(for: name, existing: []))
        #expect(short.displayName == expected)
    }

    @Test("tails count up past names already used")
    func unique() throws {
        var used: Set<FATShortName> = []
        var names: [String] = []
        for index in 0..<12 {
            let short = try #require(FATShortName.generate(for: "Long File Name \(index).txt", existing: used))
            used.insert(short)
            names.append(short.displayName)
        }
        #expect(names[0] == "LONGFI~1.TXT" && names[8] == "LONGFI~9.TXT" && names[9] == "LONGF~10.TXT")
        #expect(Set(names).count == 12)
    }

    @Test("checksum of the 11 name bytes (fatgen103 §7)")
    func checksum() throws {
        let name = try #require(FATShortName(exactly: "BOOTX64.EFI"))
        var sum: UInt8 = 0
        for byte in Array("BOOTX64 EFI".utf8) { sum = ((sum & 1) << 7) &+ (sum >> 1) &+ byte }
        #expect(name.checksum == sum)
        #expect(FATShortName(exactly: "readme.txt") == nil)
        #expect(FATShortName(exactly: "TOOLONGNAME") == nil)
    }
}
