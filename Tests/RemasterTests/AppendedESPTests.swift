import Foundation
import ISO9660
import Remaster
import TestSupport
import Testing

/// Debian's layout keeps the EFI system partition outside the ISO tree, appended after it; the remaster edits the
/// GRUB menu inside it too.
@Suite("Remaster: appended ESP")
struct AppendedESPTests {
    @Test("--append-cmdline reaches grub.cfg inside an appended EFI partition; mtools reads the edited file",
          .oracles("xorriso", "mkfs.fat", "mcopy", "mtype", "mmd"))
    func appendedPartitionMenu() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster-esp") { directory in
            let esp = directory + "/esp.img"
            let menu = "menuentry 'live' {\n    linux /live/vmlinuz boot=live quiet\n}\n"
            try FileTree.write(["tree/README": .text("hello\n"), "grub.cfg": .text(menu)], under: directory)
            try await Tool.run("mkfs.fat", ["-C", esp, "2880"])
            try await Tool.run("mmd", ["-i", esp, "::/EFI", "::/EFI/BOOT"])
            try await Tool.run("mcopy", ["-i", esp, directory + "/grub.cfg", "::/EFI/BOOT/grub.cfg"])
            try await Tool.run("xorriso", [
                "-as", "mkisofs", "-R", "-o", directory + "/in.iso", "-e", "--interval:appended_partition_2:all::",
                "-no-emul-boot", "-append_partition", "2", "0xef", esp, "-isohybrid-gpt-basdat", directory + "/tree",
            ])

            var options = RemasterOptions(input: directory + "/in.iso", output: directory + "/out.iso")
            options.menuEdits = MenuEdits(append: ["console=hvc0"], remove: ["quiet"])
            let report = try Remasterer.remaster(options)
            #expect(report.patched == ["El Torito entry 1:/EFI/BOOT/grub.cfg"])

            let out = try ISOImage(path: report.output)
            let entry = try #require(try BootSetup(image: out).entries.first { $0.platform == .efi })
            let bytes = try out.reader.read(
                at: Int64(entry.loadLBA) * 2048, count: Int(entry.imageBytes), structure: "ESP")
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/out-esp.img"))
            let edited = try await Tool.run("mtype", ["-i", directory + "/out-esp.img", "::/EFI/BOOT/grub.cfg"]).stdout
            #expect(edited == "menuentry 'live' {\n    linux /live/vmlinuz boot=live console=hvc0\n}\n")
        }
    }
}
