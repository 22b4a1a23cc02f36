import Foundation
import TestSupport
import Testing

/// Bootable images made by xorriso: ``ImageInspector`` reports what xorriso and fdisk report, and the trees read
/// as bsdtar and xorriso read them.
@Suite("Third-party images: xorriso boot layouts")
struct XorrisoBootImageTests {
    /// A xorriso recipe.
    enum Recipe: String, CaseIterable, Sendable {
        /// BIOS with a boot info table, then EFI: two sections, no partition table.
        case biosAndEFI
        /// grub-mkrescue's: GRUB's hybrid MBR code, a protective MBR, GRUB 2 boot info, the EFI image as a GPT
        /// partition of its own.
        case grubHybrid
        /// BIOS, two EFI images and BIOS again: three sections.
        case multiSection
    }

    static let grubMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"
    static let recipes = Recipe.allCases.filter {
        $0 != .grubHybrid || Oracle.required || FileManager.default.fileExists(atPath: grubMBR)
    }

    /// Writes a small tree with boot images and masters it with `recipe`.
    static func make(_ recipe: Recipe, in directory: TemporaryDirectory) async throws -> String {
        let tree = directory.path("tree")
        try FileManager.default.createDirectory(atPath: tree + "/boot", withIntermediateDirectories: true)
        try FileTree.write(
            ["boot/bios.img": .file(OddTree.contents("bios", count: 8192)), "boot/efi2.img": .file(OddTree.contents("efi2", count: 4096)),
             "hello.txt": .text("hello\n")], under: tree)
        try await Tool.run("mkfs.fat", ["-C", tree + "/boot/efi.img", "1440"], environment: ["LC_ALL": "C"])
        let bios = ["-b", "boot/bios.img", "-no-emul-boot", "-boot-load-size", "4"]
        var arguments = ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", directory.path("\(recipe.rawValue).iso")]
        switch recipe {
        case .biosAndEFI:
            arguments += bios + ["-boot-info-table", "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot"]
        case .grubHybrid:
            arguments += ["--grub2-mbr", grubMBR, "--protective-msdos-label"] + bios
                + ["-boot-info-table", "--grub2-boot-info", "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot",
                   "-efi-boot-part", "--efi-boot-image"]
        case .multiSection:
            arguments += bios + ["-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-eltorito-alt-boot", "-e",
                                 "boot/efi2.img", "-no-emul-boot", "-eltorito-alt-boot"] + bios
        }
        try await Tool.run("xorriso", arguments + [tree], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        return directory.path("\(recipe.rawValue).iso")
    }

    @Test("inspect matches -report_el_torito, -report_system_area and fdisk -l; the tree reads alike",
          .oracles("xorriso", "fdisk", "mkfs.fat", "bsdtar"), arguments: recipes)
    func inspection(recipe: Recipe) async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-xorriso-boot")
        let image = try await Self.make(recipe, in: directory)
        try await BootReports.expectInspectionMatches(image)
        try await ReaderAgreement.expectListingsAgree(image)
    }
}
