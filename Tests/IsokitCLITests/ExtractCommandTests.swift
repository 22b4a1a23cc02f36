import Foundation
import Testing
import TestSupport

/// `isokit extract` of chosen paths and of the whole tree.
@Suite("isokit extract")
struct ExtractCommandTests {
    @Test("PATH… -o DIR puts each path under DIR by its last name, with contents, modes and times")
    func paths() async throws {
        let fixture = try await CLIFixture()
        try await fixture.expectSuccess(["extract", "live.iso", "/docs", "/bin/run", "/latest", "-o", "out", "-q"])
        #expect(try FileTree.list(fixture.path("out")) == ["docs/", "docs/empty/", "docs/guide.txt", "latest -> README.txt", "run"])
        try expectSameFile(fixture, "tree/docs/guide.txt", "out/docs/guide.txt")
        try expectSameFile(fixture, "tree/bin/run", "out/run")
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.path("out/run"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o555, "modes as create -r recorded them")
        #expect((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_700_000_000)
    }

    @Test("--all -o DIR recreates the source tree")
    func all() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["extract", "live.iso", "--all", "-o", "all", "--json"])
        let summary = try CLIFixture.decode(ExtractionJSON.self, from: result)
        #expect(summary.files == 4)
        #expect(summary.symlinks == 1)
        #expect(summary.bytes == 6 + 19 + 1300 + 10_000)
        #expect(summary.skipped.isEmpty)
        #expect(try FileTree.list(fixture.path("all")) == FileTree.list(fixture.path("tree")))
        for file in ["README.txt", "bin/run", "docs/guide.txt", "big.bin"] {
            try expectSameFile(fixture, "tree/" + file, "all/" + file)
        }
    }

    @Test("extracting again fails on existing files unless --overwrite")
    func overwrite() async throws {
        let fixture = try await CLIFixture()
        try await fixture.expectSuccess(["extract", "live.iso", "/README.txt", "-o", "out", "-q"])
        let again = try await fixture.run(["extract", "live.iso", "/README.txt", "-o", "out"])
        #expect(again.status == 73, "\(again.stderr)")
        #expect(again.stderr.hasPrefix("isokit: out/README.txt: create file: "), "\(again.stderr)")
        try await fixture.expectSuccess(["extract", "live.iso", "/README.txt", "-o", "out", "--overwrite", "-q"])
    }

    @Test(
        "neither paths nor --all, or both, is a usage error (64) that writes nothing",
        arguments: [["-o", "out"], ["/README.txt", "--all", "-o", "out"], ["--all"]])
    func usage(arguments: [String]) async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.run(["extract", "live.iso"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: isokit extract"), "\(result.stderr)")
        #expect(try fixture.topLevel() == ["tree", "live.iso"])
    }

    @Test(
        "a path the image does not hold exits 66, `..` included, and nothing lands outside DIR",
        arguments: [("/nothing", "/nothing"), ("/../README.txt", "/.."), ("docs/../../README.txt", "/docs/..")])
    func missingPath(path: String, missing: String) async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.run(["extract", "live.iso", path, "-o", "out/inner"])
        #expect(result.status == 66)
        #expect(result.stderr == "isokit: live.iso: \(missing): no such file in the image\n")
        #expect(try fixture.topLevel() == ["tree", "live.iso", "out"])
        #expect(try FileTree.list(fixture.path("out")) == ["inner/"])
    }

    private func expectSameFile(
        _ fixture: CLIFixture, _ expected: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let difference = try ContentCompare.firstDifference(file: fixture.path(expected), file: fixture.path(actual))
        #expect(difference == nil, "\(actual) differs from \(expected) at byte \(difference ?? -1)", sourceLocation: sourceLocation)
    }
}
