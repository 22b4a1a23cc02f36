import Foundation
import TestSupport
import Testing

@Suite("isokit unpack and repack")
struct UnpackCommandTests {
    @Test("--json reports of both commands; the repacked image holds the edited tree")
    func json() async throws {
        let fixture = try await CLIFixture()
        let unpacked = try await fixture.expectSuccess(["unpack", "live.iso", "work", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(unpacked.stdout.utf8)) as? [String: Any])
        #expect(report["volumeID"] as? String == "CLITEST")
        #expect(report["directory"] as? String == "work")
        #expect(unpacked.stderr.isEmpty)
        try FileTree.write(["work/tree/docs/new.txt": .text("new\n")], under: fixture.path(""))
        let repacked = try await fixture.expectSuccess(["repack", "work", "-o", "out.iso", "--json"])
        let written = try #require(try JSONSerialization.jsonObject(with: Data(repacked.stdout.utf8)) as? [String: Any])
        #expect(written["output"] as? String == "out.iso")
        #expect(written["rebuiltRoot"] == nil)
        let listing = try await fixture.expectSuccess(["ls", "out.iso", "/docs"])
        #expect(listing.stdout.contains("new.txt"), "\(listing.stdout)")
        let quiet = try await fixture.expectSuccess(["repack", "work", "-o", "quiet.iso"])
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.hasPrefix("wrote quiet.iso: "), "\(quiet.stderr)")
    }

    @Test("bad inputs exit non-zero with one line naming the path")
    func badInputs() async throws {
        let fixture = try await CLIFixture()
        try await fixture.expectSuccess(["unpack", "live.iso", "work", "-q"])
        let notEmpty = try await fixture.run(["unpack", "live.iso", "work"])
        #expect(notEmpty.status == 73)
        #expect(notEmpty.stderr == "isokit: work: the unpack directory must be empty or missing\n")
        let notISO = try await fixture.run(["unpack", "tree/README.txt", "junk"])
        #expect(notISO.status == 65, "\(notISO.stderr)")
        let noDescription = try await fixture.run(["repack", "tree", "-o", "out.iso"])
        #expect(noDescription.status == 66)
        #expect(noDescription.stderr == "isokit: tree: no isokit-unpack.json; is this a directory made by isokit unpack?\n")
        let json = fixture.path("work/isokit-unpack.json")
        let original = try String(contentsOfFile: json, encoding: .utf8)
        try original.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")
            .write(toFile: json, atomically: true, encoding: .utf8)
        let newer = try await fixture.run(["repack", "work", "-o", "out.iso"])
        #expect(newer.status == 65)
        #expect(newer.stderr == "isokit: work/isokit-unpack.json: format version 2 is newer than this isokit reads (1); use a newer isokit\n")
        try "{".write(toFile: json, atomically: true, encoding: .utf8)
        let corrupt = try await fixture.run(["repack", "work", "-o", "out.iso"])
        #expect(corrupt.status == 65)
        #expect(corrupt.stderr == "isokit: work/isokit-unpack.json: not a valid unpack description: bad JSON\n")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("out.iso")))
    }
}
