import BinaryIO
import DiskFormats
import Foundation
import TestSupport
import Testing

@Suite("FAT image copy", .oracles("mkfs.fat", "mmd", "mcopy", "mtype", "fsck.fat", "minfo"))
struct FATImageBuilderCopyTests {
    @Test("an ESP made by mkfs.fat + mcopy is copied with one file replaced; fsck.fat is clean and the rest is equal")
    func replaceOneFile() async throws {
        try await withTemporaryDirectory { directory in
            let esp = directory + "/esp.img"
            try await Tool.run("mkfs.fat", ["-C", "-n", "ISOESP", "-i", "1234ABCD", esp, "8192"])
            try await Tool.run("mmd", ["-i", esp, "::/EFI", "::/EFI/BOOT", "::/boot", "::/boot/grub"])
            try FileTree.write([
                "loader.efi": .file((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, mode: 0o644),
                "grub.cfg": .text("set timeout=5\n"), "Long Name File.txt": .text("long\n"),
            ], under: directory)
            try await Tool.run("mcopy", ["-i", esp, directory + "/loader.efi", "::/EFI/BOOT/BOOTX64.EFI"])
            try await Tool.run("mcopy", ["-i", esp, directory + "/grub.cfg", "::/boot/grub/grub.cfg"])
            try await Tool.run("mcopy", ["-i", esp, directory + "/Long Name File.txt", "::/Long Name File.txt"])

            let original = try FATImage(reader: ImageReader(path: esp))
            // mtools stores all-lowercase 8.3 names with the NT case flags instead of a long name.
            #expect(try original.list("").map(\.name).sorted() == ["EFI", "Long Name File.txt", "boot"])
            var builder = try FATImageBuilder(copying: original, unixTime: 1_700_000_000)
            try builder.replaceFile("boot/grub/grub.cfg", contents: Array("set timeout=1\n".utf8))
            let edited = directory + "/edited.img"
            try builder.write(to: edited)

            #expect(try await Tool.runAllowingFailure("fsck.fat", ["-n", edited]).status == 0)
            #expect(try await Tool.run("mtype", ["-i", edited, "::/boot/grub/grub.cfg"]).stdout == "set timeout=1\n")
            #expect(try await Tool.run("mtype", ["-i", edited, "::/Long Name File.txt"]).stdout == "long\n")
            try await Tool.run("mcopy", ["-i", edited, "::/EFI/BOOT/BOOTX64.EFI", directory + "/copied.efi"])
            #expect(FileManager.default.contentsEqual(atPath: directory + "/copied.efi", andPath: directory + "/loader.efi"))
            let info = try await Tool.run("minfo", ["-i", edited, "::"]).stdout
            #expect(info.contains("disk label=\"ISOESP     \""), "\(info)")
            #expect(info.contains("serial number: 1234ABCD"), "\(info)")
            let sizes = try [esp, edited].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }
            #expect(sizes[0] == sizes[1])
        }
    }
}
