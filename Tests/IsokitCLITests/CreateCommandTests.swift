import Foundation
import Testing
import TestSupport

/// `isokit create`: reproducible, atomic, and never writing into its own input.
@Suite("isokit create")
struct CreateCommandTests {
    @Test("SOURCE_DATE_EPOCH gives identical bytes twice")
    func reproducible() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        for name in ["one.iso", "two.iso"] {
            try await fixture.expectSuccess(["create", "tree", "-o", name, "-q"])
        }
        #expect(try ContentCompare.firstDifference(file: fixture.path("one.iso"), file: fixture.path("two.iso")) == nil)
    }

    @Test("SOURCE_DATE_EPOCH also fixes boot catalog, MBR and GPT: identical twice, different for another epoch", .oracles("mkfs.fat"))
    func reproducibleHybrid() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        try FileTree.write(["boot/bios.img": .file((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 13) })], under: fixture.path("tree"))
        try await Tool.run("mkfs.fat", ["-i", "12345678", "-C", fixture.path("tree/boot/efi.img"), "1440"])
        let arguments = [
            "create", "tree", "--bios-boot", "boot/bios.img", "--boot-info-table", "--efi-boot", "boot/efi.img",
            "--hybrid", "-q", "-o",
        ]
        for name in ["one.iso", "two.iso"] { try await fixture.expectSuccess(arguments + [name]) }
        #expect(try ContentCompare.firstDifference(file: fixture.path("one.iso"), file: fixture.path("two.iso")) == nil)
        let later = try await fixture.run(arguments + ["later.iso"], environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try ContentCompare.firstDifference(file: fixture.path("one.iso"), file: fixture.path("later.iso")) != nil)
    }

    @Test("repeated --bios-boot and --efi-boot give one El Torito entry each, in order, as xorriso reads them",
          .oracles("mkfs.fat", "xorriso"))
    func severalBootEntries() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let image = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try FileTree.write(["boot/one.img": .file(image), "boot/two.img": .file(image.reversed())], under: fixture.path("tree"))
        try await Tool.run("mkfs.fat", ["-i", "12345678", "-C", fixture.path("tree/boot/efi.img"), "1440"])
        try await fixture.expectSuccess([
            "create", "tree", "--bios-boot", "boot/one.img", "--bios-boot", "boot/two.img", "--boot-info-table",
            "--efi-boot", "boot/efi.img", "-q", "-o", "multi.iso",
        ])
        let report = try CLIFixture.decode(InspectJSON.self, from: try await fixture.expectSuccess(["inspect", "--json", "multi.iso"]))
        #expect(report.boot.map(\.platform) == ["BIOS", "BIOS", "UEFI"])
        #expect(report.boot.map(\.loadImage) == ["/boot/one.img", "/boot/two.img", "/boot/efi.img"])
        let xorriso = try await Tool.run("xorriso", ["-indev", fixture.path("multi.iso"), "-report_el_torito", "plain"])
        let paths = xorriso.stdout.split(separator: "\n").filter { $0.hasPrefix("El Torito img path") }
            .compactMap { $0.split(separator: " ").last.map(String.init) }
        #expect(paths == ["/boot/one.img", "/boot/two.img", "/boot/efi.img"])
    }

    @Test("--json reports what was written")
    func jsonReport() async throws {
        struct Report: Decodable {
            var output: String
            var bytes: Int64
            var files: Int
            var directories: Int
            var bootEntries: Int
        }
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.expectSuccess(["create", "tree", "-o", "out.iso", "--json"])
        let report = try CLIFixture.decode(Report.self, from: result)
        #expect(report.output == "out.iso")
        #expect(report.bytes == (try fixture.size("out.iso")))
        #expect(report.files == 5, "4 regular files and a symbolic link")
        #expect(report.directories == 4)
        #expect(report.bootEntries == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test(
        "refuses an output inside the source tree and writes nothing",
        arguments: ["tree/out.iso", "tree/docs/out.iso", "tree/docs/../out.iso", "./tree/out.iso", "link/out.iso"])
    func outputInsideTree(output: String) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("link"), withDestinationPath: "tree")
        let before = try FileTree.list(fixture.path("tree"))
        let result = try await fixture.run(["create", "tree", "-o", output])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("isokit: \(output): the output lies inside the source tree"), "\(result.stderr)")
        #expect(try FileTree.list(fixture.path("tree")) == before)
    }

    @Test("refuses to replace a directory, the source tree included, and leaves no temporary file", arguments: ["tree", "other"])
    func outputIsDirectory(output: String) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        try FileManager.default.createDirectory(atPath: fixture.path("other"), withIntermediateDirectories: false)
        let before = try FileTree.list(fixture.path("tree"))
        let result = try await fixture.run(["create", "tree", "-o", output])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(try fixture.topLevel() == ["tree", "other"])
        #expect(try FileTree.list(fixture.path("tree")) == before)
    }

    @Test("a failing create leaves neither the output nor a temporary file, and keeps an older output")
    func atomicOnFailure() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(["create", "tree", "-o", "new.iso", "--bios-boot", "boot/missing.img"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr == "isokit: boot/missing.img: boot image not found in the tree\n")
        #expect(try fixture.topLevel() == ["tree"])

        try Data("old image".utf8).write(to: URL(fileURLWithPath: fixture.path("old.iso")))
        let again = try await fixture.run(["create", "tree", "-o", "old.iso", "--bios-boot", "boot/missing.img"])
        #expect(again.status == 65)
        #expect(try fixture.topLevel() == ["tree", "old.iso"])
        #expect(try ContentCompare.contents(of: fixture.path("old.iso")) == Array("old image".utf8))
    }

    @Test("a missing source tree exits 66, a missing output directory 73")
    func missingPaths() async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let source = try await fixture.run(["create", "missing", "-o", "out.iso"])
        #expect(source.status == 66)
        #expect(source.stderr == "isokit: missing: resolve: No such file or directory\n")
        let output = try await fixture.run(["create", "tree", "-o", "nowhere/out.iso"])
        #expect(output.status == 73)
        #expect(output.stderr == "isokit: nowhere/out.iso: create: No such file or directory\n")
        #expect(try fixture.topLevel() == ["tree"])
    }

    @Test(
        "bad option combinations exit 64 with usage",
        arguments: [
            ["--mbr-code", "/usr/lib/grub/i386-pc/boot_hybrid.img"],
            ["--hybrid"],
            ["--append-efi-partition", "--hybrid", "--bios-boot", "x"],
            ["--boot-load-size", "many"],
            ["--no-such-option"],
        ])
    func usage(extra: [String]) async throws {
        let fixture = try await CLIFixture(makeImage: false)
        let result = try await fixture.run(["create", "tree", "-o", "out.iso"] + extra)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: isokit create"), "\(result.stderr)")
        #expect(try fixture.topLevel() == ["tree"])
    }
}
