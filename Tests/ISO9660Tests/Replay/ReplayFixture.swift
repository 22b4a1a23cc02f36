import Foundation
import ISO9660
import TestSupport
import Testing

/// Bootable images to capture and rewrite: made by grub-mkrescue, by xorriso with an appended ESP, shipped by Debian
/// packages, and written by isokit itself.
enum ReplayFixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `grub-mkrescue`: BIOS + UEFI, GRUB's hybrid MBR, a GPT (with HFS+ and APM, as xorriso makes them).
    case grubMkrescue
    /// xorriso with the ESP appended after the volume (`-append_partition 2 0xef`, El Torito UEFI entry on it) and
    /// GRUB's MBR code, as Debian's installer images are made.
    case xorrisoAppended
    /// Debian's `grub-rescue-cdrom.iso` (grub-rescue-pc): BIOS only, GRUB's MBR code, one MBR partition.
    case grubRescue
    /// Debian's `ipxe.iso` (ipxe): isolinux for BIOS, an EFI image, an isohybrid MBR.
    case ipxe
    /// `isokit create` with a BIOS and an EFI image, `--hybrid`, the ESP inside the tree.
    case isokitHybrid
    /// `isokit create` with the ESP appended as its own GPT partition and GRUB's MBR code.
    case isokitAppended

    static let grubRescuePath = "/usr/lib/grub-rescue/grub-rescue-cdrom.iso"
    static let ipxePath = "/usr/lib/ipxe/ipxe.iso"
    static let grubMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"

    var testDescription: String { rawValue }

    /// Whether the fixture can be made here (or oracles are required, so a missing one fails).
    var available: Bool {
        if Oracle.required { return true }
        switch self {
        case .grubMkrescue: return Oracle.available("grub-mkrescue", "xorriso", "mformat")
        case .xorrisoAppended, .isokitAppended:
            return Oracle.available("xorriso", "mkfs.fat") && FileManager.default.fileExists(atPath: Self.grubMBR)
        case .grubRescue: return FileManager.default.fileExists(atPath: Self.grubRescuePath)
        case .ipxe: return FileManager.default.fileExists(atPath: Self.ipxePath)
        case .isokitHybrid: return Oracle.available("mkfs.fat")
        }
    }

    static var available: [ReplayFixture] { allCases.filter(\.available) }

    /// The image, made in `directory` when it is not a packaged file.
    func make(in directory: TemporaryDirectory) async throws -> String {
        switch self {
        case .grubRescue: return Self.grubRescuePath
        case .ipxe: return Self.ipxePath
        case .isokitHybrid: return try await Self.isokitImage(appended: false, in: directory)
        case .isokitAppended: return try await Self.isokitImage(appended: true, in: directory)
        case .grubMkrescue:
            let tree = directory.path("rescue-tree")
            try FileTree.write(["boot/grub/grub.cfg": .text("set timeout=5\nmenuentry replay { true }\n")], under: tree)
            let image = directory.path("mkrescue.iso")
            try await Tool.run("grub-mkrescue", ["-o", image, tree], environment: Tool.reproducibleEnvironment)
            return image
        case .xorrisoAppended:
            let tree = directory.path("appended-tree")
            try FileTree.write(
                ["boot/bios.img": .file(BootFixture.pattern(count: 8192, seed: 3)), "hello.txt": .text("hello\n")],
                under: tree)
            let esp = directory.path("esp.img")
            try await Tool.run("mkfs.fat", ["-i", "12345678", "-C", esp, "2880"], environment: Tool.reproducibleEnvironment)
            let image = directory.path("appended.iso")
            try await Tool.run("xorriso", [
                "-as", "mkisofs", "-quiet", "-R", "-J", "-o", image, "--grub2-mbr", Self.grubMBR,
                "--protective-msdos-label", "-b", "boot/bios.img", "-no-emul-boot", "-boot-load-size", "4",
                "-boot-info-table", "--grub2-boot-info", "-append_partition", "2", "0xef", esp,
                "-appended_part_as_gpt", "-eltorito-alt-boot", "-e", "--interval:appended_partition_2:all::",
                "-no-emul-boot", tree,
            ], environment: Tool.reproducibleEnvironment)
            return image
        }
    }

    /// What `isokit create --bios-boot boot/bios.img --efi-boot boot/efi.img --hybrid` writes (with
    /// `--append-efi-partition --mbr-code boot_hybrid.img` when `appended`).
    static func isokitImage(appended: Bool, in directory: TemporaryDirectory) async throws -> String {
        let tree = directory.path("isokit-tree")
        try FileTree.write(
            ["boot/bios.img": .file(BootFixture.pattern(count: 8192, seed: 5)), "hello.txt": .text("hello\n")],
            under: tree)
        try await Tool.run(
            "mkfs.fat", ["-i", "12345678", "-C", tree + "/boot/efi.img", "1440"], environment: Tool.reproducibleEnvironment)
        var options = ISOWriterOptions()
        options.sourceDateEpoch = 1_700_000_000
        options.bootImages = [
            BootImageOptions(firmware: .bios, path: "boot/bios.img", bootInfoTable: true, grub2BootInfo: appended),
            BootImageOptions(firmware: .efi, path: "boot/efi.img"),
        ]
        options.hybrid = true
        options.appendEFIPartition = appended
        if appended { options.mbrBootCode = grubMBR }
        let image = directory.path(appended ? "isokit-appended.iso" : "isokit-hybrid.iso")
        _ = try ISOCreator.create(from: tree, to: image, options: options)
        return image
    }
}
