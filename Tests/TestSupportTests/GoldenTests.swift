import Testing

@testable import TestSupport

@Suite("Golden")
struct GoldenTests {
    @Test("finds Golden/ in the test module's folder, also from a subfolder")
    func location() {
        #expect(
            Golden.url(for: "a.cfg", testFile: "/r/Tests/ISO9660Tests/Reader/ReaderTests.swift").path
                == "/r/Tests/ISO9660Tests/Golden/a.cfg")
        #expect(Golden.url(for: "b", testFile: "/r/Tests/XTests/XTests.swift").path == "/r/Tests/XTests/Golden/b")
    }

    @Test("passes on identical text and explains a difference or a missing file")
    func comparison() throws {
        try Golden.check("line one\nline two\n", against: "sample.txt")
        guard !TestEnvironment.updateGolden else { return }
        let mismatch = try #require(try Golden.compare("line one\nline 2\n", against: "sample.txt"))
        #expect(mismatch.hasSuffix("Tests/TestSupportTests/Golden/sample.txt (ISOKIT_UPDATE_GOLDEN=1 rewrites it):\nline 2:\n-line two\n+line 2"))
        let missing = try #require(try Golden.compare("anything", against: "no-such-golden-file"))
        #expect(missing.contains("no-such-golden-file is missing"))
    }

    @Test("reports differing lines")
    func differences() {
        let report = Golden.lineDifferences(expected: "a\nb\nc", actual: "a\nB\nc\nd")
        #expect(report == "line 2:\n-b\n+B\nline 4:\n+d")
    }
}
