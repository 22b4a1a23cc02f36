import Testing
import TestSupport

/// `isokit ls` on an image `isokit create` made.
@Suite("isokit ls")
struct LsCommandTests {
    @Test("-l lists the root with modes, owners, sizes, dates and link targets")
    func long() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["ls", "-l", "live.iso"])
        try Golden.check(result.stdout, against: "ls-l.txt")
    }

    @Test("plain ls of a subdirectory prints names")
    func names() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["ls", "live.iso", "/docs"])
        #expect(result.stdout == "empty\nguide.txt\n")
    }

    @Test("-R --json lists every entry below the root, parents first, with kinds, sizes, modes and links")
    func recursiveJSON() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["ls", "-R", "--json", "live.iso"])
        let listing = try CLIFixture.decode(ListingJSON.self, from: result)
        #expect(listing.image == "live.iso")
        #expect(listing.path == "/")
        #expect(listing.namespace == "rockridge")
        #expect(listing.entries.map(\.path) == CLIFixture.treePaths)
        let byPath = Dictionary(uniqueKeysWithValues: listing.entries.map { ($0.path, $0) })
        let run = try #require(byPath["/bin/run"])
        #expect(run.kind == "regular")
        #expect(run.mode == 0o100555, "create -r: readable and executable by all, writable by none")
        #expect(run.size == 19)
        #expect(run.uid == 0 && run.gid == 0)
        #expect(run.modificationTime == 1_700_000_000)
        let big = try #require(byPath["/big.bin"])
        #expect(big.size == 10_000)
        #expect(big.extents.count == 1)
        #expect(big.extents.first?.length == 10_000)
        #expect(byPath["/latest"]?.kind == "symlink")
        #expect(byPath["/latest"]?.symlinkTarget == "README.txt")
        #expect(byPath["/docs/empty"]?.kind == "directory")
        #expect(byPath["/docs"]?.mode == 0o040555)
        #expect(listing.entries.allSatisfy { $0.recordOffset > 16 * 2048 })
    }

    @Test("ls of a file lists that file")
    func file() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["ls", "--json", "live.iso", "/docs/guide.txt"])
        let listing = try CLIFixture.decode(ListingJSON.self, from: result)
        #expect(listing.entries.map(\.path) == ["/docs/guide.txt"])
        #expect(listing.entries.first?.size == 1300)
    }
}
