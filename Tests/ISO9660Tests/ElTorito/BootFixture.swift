import BinaryIO
import TestSupport

/// An ISO image made by xorriso with a BIOS boot image and an EFI image, as the El Torito and system area oracles.
struct BootFixture {
    /// Which xorriso recipe made the image.
    enum Recipe {
        /// `-b boot.img -no-emul-boot -boot-load-size 4 -boot-info-table -eltorito-alt-boot -e efi.img
        /// -no-emul-boot -isohybrid-gpt-basdat` with a 2048-byte boot image (no isohybrid MBR, so no GPT).
        case plain
        /// The grub-mkrescue recipe: an 8 KiB boot image with `--grub2-boot-info`, `--grub2-mbr boot_hybrid.img`,
        /// `--protective-msdos-label`, and the EFI image as GPT partition (`-efi-boot-part --efi-boot-image`).
        case grubHybrid
        /// BIOS, two EFI images and a second BIOS image: three sections, as xorriso groups them.
        case multiSection
    }

    static let grubHybridMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"

    let directory: TemporaryDirectory
    /// The boot image as it was before xorriso patched it.
    let bootImage: [UInt8]
    let iso: String

    /// Deterministic filler bytes.
    static func pattern(count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    /// Runs one of the tools that make or read boot fixtures with ``Tool/reproducibleEnvironment``; returns standard
    /// output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) async throws -> String {
        try await Tool.run(tool, arguments, environment: Tool.reproducibleEnvironment).stdout
    }

    /// The bytes of GRUB's `boot_hybrid.img`, the MBR boot code of the ``Recipe/grubHybrid`` recipe.
    static func grubHybridBootCode() throws -> [UInt8] { try ContentCompare.contents(of: grubHybridMBR) }

    init(_ recipe: Recipe) async throws {
        directory = try TemporaryDirectory(prefix: "isokit-boot")
        bootImage = Self.pattern(count: recipe == .plain ? 2048 : 8192, seed: 7)
        var files: [String: FileTree.Node] = ["boot/boot.img": .file(bootImage), "hello.txt": .text("hello\n")]
        if recipe == .multiSection { files["boot/efi2.img"] = .file(Self.pattern(count: 4096, seed: 9)) }
        try FileTree.write(files, under: directory.path("tree"))
        try await Self.run("mkfs.fat", ["-i", "12345678", "-C", directory.path("tree/boot/efi.img"), "1440"])
        iso = directory.path("fixture.iso")
        var arguments = ["-as", "mkisofs", "-quiet", "-o", iso]
        switch recipe {
        case .plain:
            arguments += [
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-isohybrid-gpt-basdat",
            ]
        case .grubHybrid:
            arguments += [
                "--grub2-mbr", Self.grubHybridMBR, "--protective-msdos-label",
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", "--grub2-boot-info",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-efi-boot-part", "--efi-boot-image",
            ]
        case .multiSection:
            arguments += [
                "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot",
                "-eltorito-alt-boot", "-e", "boot/efi2.img", "-no-emul-boot",
                "-eltorito-alt-boot", "-b", "boot/boot.img", "-no-emul-boot",
            ]
        }
        try await Self.run("xorriso", arguments + [directory.path("tree")])
    }

    /// Bytes of the image.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        try directory.bytes("fixture.iso", at: offset, count: count)
    }

    /// `xorriso -report_el_torito plain` / `-report_system_area plain` output lines starting with `prefix`,
    /// split into the fields after the colon.
    func report(_ what: String, lines prefix: String) async throws -> [[String]] {
        let text = try await Self.run("xorriso", ["-indev", iso, "-report_\(what)", "plain"])
        return text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line in
            let fields = line.split(separator: ":", maxSplits: 1)
            return fields.count < 2 ? [] : fields[1].split(separator: " ").map(String.init)
        }
    }
}
