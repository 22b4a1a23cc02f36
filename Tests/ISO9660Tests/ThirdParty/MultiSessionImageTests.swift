import Foundation
import ISO9660
import TestSupport
import Testing

/// An image xorriso grew by a second session: on overwritable media xorriso rewrites the descriptors at LBA 16 to
/// point at the newest session, which is what isokit, bsdtar and xorriso must all read.
@Suite("Third-party images: xorriso multi-session")
struct MultiSessionImageTests {
    @Test("isokit reads the newest session as bsdtar and xorriso do", .oracles("xorriso", "bsdtar"))
    func newestSession() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-sessions")
        let image = directory.path("grown.iso")
        try FileTree.write(
            ["first/kept.txt": .text("kept\n"), "first/dropped.txt": .text("dropped\n"),
             "second/added.txt": .text("added in session 2\n"), "second/sub/deep.txt": .text("deep\n")],
            under: directory.path, modificationTime: 1_650_000_000)
        let environment = OracleReaders.environment
        try await Tool.run("xorriso", ["-dev", image, "-map", directory.path("first"), "/", "-commit"], environment: environment)
        try await Tool.run(
            "xorriso", ["-dev", image, "-map", directory.path("second"), "/second", "-rm", "/dropped.txt", "--", "-commit"],
            environment: environment)
        let toc = try await Tool.run("xorriso", ["-indev", image, "-toc"], environment: environment).stdout
        #expect(toc.split(separator: "\n").filter { $0.hasPrefix("ISO session") }.count == 2)

        let listing = try await ReaderAgreement.expectListingsAgree(image)
        #expect(Set(listing.keys) == Set(["kept.txt", "second", "second/added.txt", "second/sub", "second/sub/deep.txt"].map(RawPath.init)))
        try await ReaderAgreement.expectExtractionsAgree(image, in: directory)
    }
}
