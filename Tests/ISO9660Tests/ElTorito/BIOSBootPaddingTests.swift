import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ISO9660

/// The zero blocks that end the volume of an image with a BIOS El Torito entry (``ISOLayout/biosBootPaddingBlocks``).
///
/// GRUB's `cdboot.img` reads ⌈length / 2048⌉ blocks starting one block after its image's first, so it also reads the
/// block after the image. When the boot image was the last file, that block lay past the end of an MBR-only or
/// non-hybrid image; SeaBIOS failed the read and GRUB stopped at "incompatible license". A GPT image hid the fault
/// behind its backup-table tail.
@Suite("BIOS boot padding")
struct BIOSBootPaddingTests {
    /// How the image is laid out around the ISO 9660 volume.
    enum Medium: String, CaseIterable, Sendable {
        /// No partition table: the file ends with the volume.
        case plain
        /// `partitionScheme = .mbr`: no tail either.
        case mbr
        /// `partitionScheme = .gpt`: the backup GPT follows the volume.
        case gpt
    }

    /// Writes `tree` with `options` (hybrid per `medium`) to `directory/out.iso`; returns its path.
    static func create(
        _ tree: String, medium: Medium, options base: ISOWriterOptions, in directory: TemporaryDirectory
    ) throws -> String {
        var options = base
        options.sourceDateEpoch = 1_700_000_000
        options.hybrid = medium != .plain
        options.partitionScheme = medium == .gpt ? .gpt : .mbr
        let image = directory.path("out.iso")
        _ = try ISOCreator.create(from: tree, to: image, options: options)
        return image
    }

    @Test("a BIOS boot image that is the last file is followed by zero blocks inside the volume",
          arguments: Medium.allCases)
    func lastFile(medium: Medium) throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bios-padding")
        // The boot image sits deepest in the tree, so its data comes last.
        try FileTree.write([
            "a.txt": .text("first\n"), "boot/grub/i386-pc/eltorito.img": .file(BootFixture.pattern(count: 5000, seed: 7)),
        ], under: directory.path("tree"))
        var options = ISOWriterOptions()
        options.bootImages = [BootImageOptions(firmware: .bios, path: "boot/grub/i386-pc/eltorito.img", bootInfoTable: true)]
        let image = try Self.create(directory.path("tree"), medium: medium, options: options, in: directory)

        let report = try ImageInspector.inspect(path: image)
        let entry = try #require(report.boot.first)
        #expect(entry.loadImageBytes == 5000)
        // 3 blocks of data, then the padding ends the volume; GRUB's extra block (loadLBA + 3) lies inside it.
        let dataEnd = entry.loadLBA + 3
        #expect(dataEnd < report.volume.blocks)
        #expect(dataEnd + ISOLayout.biosBootPaddingBlocks == report.volume.blocks)
        let reader = try ImageReader(path: image)
        let volumeBytes = Int64(report.volume.blocks) * 2048
        #expect(reader.size == volumeBytes + (medium == .gpt ? Int64(HybridSystemArea.tailSize) : 0))
        let padding = try reader.read(
            at: Int64(dataEnd) * 2048, count: Int(ISOLayout.biosBootPaddingBlocks) * 2048, structure: "padding")
        #expect(padding.allSatisfy { $0 == 0 })
    }

    @Test("a BIOS boot image given as bytes, placed after the file data, is followed by the padding too")
    func contentsImage() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bios-padding")
        try FileTree.write(["a.txt": .text("first\n")], under: directory.path("tree"))
        var boot = BootImageOptions(firmware: .bios, path: "boot.img")
        boot.contents = BootFixture.pattern(count: 2048, seed: 9)
        var options = ISOWriterOptions()
        options.bootImages = [boot]
        let image = try Self.create(directory.path("tree"), medium: .mbr, options: options, in: directory)

        let report = try ImageInspector.inspect(path: image)
        let entry = try #require(report.boot.first)
        #expect(entry.loadLBA + 1 < report.volume.blocks)
        #expect(entry.loadLBA + 1 + ISOLayout.biosBootPaddingBlocks == report.volume.blocks)
    }

    @Test("an image without a BIOS entry ends with its last file's data")
    func efiOnly() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bios-padding")
        try FileTree.write(
            ["a.txt": .text("first\n"), "boot/efi.img": .file(BootFixture.pattern(count: 4096, seed: 3))],
            under: directory.path("tree"))
        var options = ISOWriterOptions()
        options.bootImages = [BootImageOptions(firmware: .efi, path: "boot/efi.img")]
        let image = try Self.create(directory.path("tree"), medium: .plain, options: options, in: directory)

        let report = try ImageInspector.inspect(path: image)
        let entry = try #require(report.boot.first)
        #expect(entry.loadLBA + 2 == report.volume.blocks)
    }

    @Test("GRUB booted as a CD from a BIOS-only image, with an MBR or no partition table, reads its grub.cfg",
          .boots, .oracles("grub-mkimage", "timeout"), arguments: [Medium.mbr, .plain])
    func grubBootsAsCD(medium: Medium) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-bios-padding")
        let tree = directory.path("tree")
        let marker = "ISOKIT-MBR-CD-OK"
        try FileTree.write([
            "boot/grub/grub.cfg": .text("""
                serial --unit=0 --speed=115200
                terminal_output serial
                echo "\(marker)"
                halt

                """)
        ], under: tree)
        try FileTree.write(["early.cfg": .text("""
            search --no-floppy --set=root --file /boot/grub/grub.cfg
            set prefix=($root)/boot/grub
            configfile $prefix/grub.cfg

            """)], under: directory.path("grub"))
        // The netboot image's module set; the core then ends in a module GRUB checks when it loads it.
        try FileManager.default.createDirectory(atPath: tree + "/boot/grub/i386-pc", withIntermediateDirectories: true)
        try await BootFixture.run("grub-mkimage", [
            "-O", "i386-pc-eltorito", "-p", "/boot/grub", "-c", directory.path("grub/early.cfg"),
            "-o", tree + "/boot/grub/i386-pc/eltorito.img", "biosdisk", "iso9660", "part_gpt", "part_msdos", "search",
            "configfile", "normal", "echo", "linux16", "serial", "terminal", "halt", "ls",
        ])
        var options = ISOWriterOptions()
        options.bootImages = [
            BootImageOptions(firmware: .bios, path: "boot/grub/i386-pc/eltorito.img", bootInfoTable: true, grub2BootInfo: true)
        ]
        if medium == .mbr { options.mbrBootCode = BootFixture.grubHybridMBR }
        let image = try Self.create(tree, medium: medium, options: options, in: directory)
        // The core image is the last file, so its block after lies in the padding.
        let report = try ImageInspector.inspect(path: image)
        let entry = try #require(report.boot.first)
        let bytes = try #require(entry.loadImageBytes)
        #expect(entry.loadLBA + UInt32((bytes + 2047) / 2048) + ISOLayout.biosBootPaddingBlocks == report.volume.blocks)

        let console = try await Tool.runAllowingFailure("timeout", [
            "60", "qemu-system-x86_64", "-nographic", "-m", "256", "-no-reboot", "-boot", "d",
            "-drive", "file=\(image),format=raw,if=ide,media=cdrom,readonly=on",
        ])
        #expect(console.stdout.contains(marker), "\(console.stdout.suffix(600))")
        #expect(!console.stdout.contains("incompatible license"))
    }
}
