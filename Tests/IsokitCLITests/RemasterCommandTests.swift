import Foundation
import TestSupport
import Testing

@Suite("isokit remaster")
struct RemasterCommandTests {
    @Test("--json reports the patch and the kept boot entry; the input stays as it was", .oracles("xorriso"))
    func json() async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-remaster") { directory in
            try FileTree.write([
                "tree/boot/boot.img": .file(Array(repeating: 0xEB, count: 2048), mode: 0o644),
                "tree/etc/motd": .text("old\n"), "patch/etc/motd": .text("new\n"),
            ], under: directory)
            let created = try await IsokitBinary.run([
                "create", directory + "/tree", "-o", directory + "/in.iso", "--bios-boot", "boot/boot.img", "--quiet",
            ])
            #expect(created.status == 0, "\(created.stderr)")
            let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/in.iso"))
            let result = try await IsokitBinary.run([
                "remaster", directory + "/in.iso", "-o", directory + "/out.iso", "--patch", directory + "/patch", "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["patched"] as? [String] == ["/etc/motd"])
            #expect((report["bootEntries"] as? [String])?.count == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/in.iso")) == before)
            let motd = try await IsokitBinary.run(["extract", directory + "/out.iso", "/etc/motd", "-o", directory + "/x", "-q"])
            #expect(motd.status == 0, "\(motd.stderr)")
            #expect(try String(contentsOfFile: directory + "/x/motd", encoding: .utf8) == "new\n")
        }
    }

    @Test("remastering onto the input is refused (exit 64)")
    func ontoInput() async throws {
        try await withTemporaryDirectory(prefix: "isokit-cli-remaster") { directory in
            try FileTree.write(["tree/a": .text("a\n")], under: directory)
            _ = try await IsokitBinary.run(["create", directory + "/tree", "-o", directory + "/in.iso", "-q"])
            let result = try await IsokitBinary.run(["remaster", directory + "/in.iso", "-o", directory + "/in.iso"])
            #expect(result.status == 64)
            #expect(result.stderr == "isokit: \(directory)/in.iso: the output is the input; write the remastered image elsewhere\n")
        }
    }
}
