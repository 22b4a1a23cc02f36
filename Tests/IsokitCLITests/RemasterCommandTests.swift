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

    /// A bad remaster: its arguments, exit code and the message after `isokit: `.
    struct BadInput: Sendable, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let noLiveRoot = "in.iso: no live root file system found (looked for /live/layers.list (isokit), "
        + "/*/x86_64/airootfs.sfs (archiso, SystemRescue), /live/filesystem.squashfs (Debian live), /casper/*.squashfs (casper))"
    static let badInputs: [BadInput] = [
        BadInput(
            arguments: ["notiso.iso", "-o", "out.iso"], status: 65,
            message: "notiso.iso: ISO 9660: volume descriptor at 0x8001 (LBA 16): signature 00 00 00 00 00, expected 43 44 30 30 31"),
        BadInput(arguments: ["missing.iso", "-o", "out.iso"], status: 66, message: "missing.iso: open: No such file or directory"),
        BadInput(arguments: ["in.iso", "-o", "out.iso", "--add-layer", "tree"], status: 65, message: noLiveRoot),
        BadInput(
            arguments: ["in.iso", "-o", "out.iso", "--default-entry", "3"], status: 65,
            message: "/boot/grub/grub.cfg: no boot entry #3 (the menu has 1 entry)"),
        BadInput(
            arguments: ["in.iso", "-o", "out.iso", "--delete", "/nope"], status: 64,
            message: "--delete /nope: no such file or directory in the image"),
    ]

    @Test("bad input gets one clear line, its exit code, no output and an unchanged input", arguments: badInputs)
    func badInput(_ bad: BadInput) async throws {
        let (arguments, status, message) = (bad.arguments, bad.status, bad.message)
        try await withTemporaryDirectory(prefix: "isokit-cli-remaster") { directory in
            try FileTree.write([
                "tree/boot/grub/grub.cfg": .text("menuentry 'one' {\n    linux /vmlinuz quiet\n}\n"),
                "notiso.iso": .file(Array(repeating: 0, count: 40_000)),
            ], under: directory)
            _ = try await IsokitBinary.run(["create", directory + "/tree", "-o", directory + "/in.iso", "-q"])
            let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/in.iso"))
            let result = try await IsokitBinary.run(["remaster"] + arguments, in: directory)
            #expect(result.status == status)
            #expect(result.stderr == "isokit: \(message)\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["in.iso", "notiso.iso", "tree"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/in.iso")) == before)
        }
    }
}
