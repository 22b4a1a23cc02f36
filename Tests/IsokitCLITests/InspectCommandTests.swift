import Testing
import TestSupport

/// `isokit inspect` on an image `isokit create` made.
@Suite("isokit inspect")
struct InspectCommandTests {
    @Test("--json reports the volume, namespaces and tree of the created image")
    func json() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["inspect", "live.iso", "--json"])
        let report = try CLIFixture.decode(InspectJSON.self, from: result)
        #expect(report.image == "live.iso")
        #expect(report.fileBytes == Int(try fixture.size("live.iso")))
        #expect(report.volume.volumeID == "CLITEST")
        #expect(report.volume.systemID == "LINUX")
        #expect(report.volume.preparer == "ISOKIT")
        #expect(report.volume.created == "2023-11-14T22:13:20Z")
        #expect(report.volume.blockSize == 2048)
        #expect(report.volume.bytes == report.volume.blocks * 2048)
        #expect(report.volume.bytes == report.fileBytes)
        #expect(report.descriptors == ["primary", "supplementary", "terminator"])
        #expect(report.namespaces.rockRidge)
        #expect(report.namespaces.rockRidgeID == "RRIP_1991A")
        #expect(report.namespaces.joliet)
        #expect(report.namespaces.used == "rockridge")
        #expect(report.tree.files == 4)
        #expect(report.tree.directories == 4, "the root and bin, docs, docs/empty")
        #expect(report.tree.symlinks == 1)
        #expect(report.tree.otherFiles == 0)
        #expect(report.tree.fileBytes == 6 + 19 + 1300 + 10_000)
        #expect(report.boot.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test("text output matches the golden file")
    func text() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["inspect", "live.iso"])
        try Golden.check(result.stdout, against: "inspect.txt")
    }

    @Test("--namespace joliet counts the Joliet tree, which has no symbolic links")
    func jolietNamespace() async throws {
        let fixture = try await CLIFixture()
        let result = try await fixture.expectSuccess(["inspect", "live.iso", "--namespace", "joliet", "--json"])
        let report = try CLIFixture.decode(InspectJSON.self, from: result)
        #expect(report.namespaces.used == "joliet")
        #expect(report.tree.directories == 4)
        #expect(report.tree.symlinks == 0)
    }
}
