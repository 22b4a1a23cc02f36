import Foundation
import ISO9660
import Testing
import TestSupport

@testable import QEMU

/// Proof that images `ISOCreator` writes boot: a GRUB tree built at test time (BIOS El Torito image, UEFI
/// `BOOTX64.EFI` in a FAT ESP image), written as a hybrid image and booted under QEMU as CD and as disk with BIOS
/// and UEFI, each until GRUB prints a marker on the serial console. Serialized like the other boot tests.
@Suite("ISO boot", .serialized, .boots, .oracles("grub-mkimage", "mkfs.fat", "mmd", "mcopy"))
struct ISOBootTests {
    static let limit = Duration.seconds(60)

    @Test(
        "a hybrid GRUB image boots",
        .enabled(if: GrubImage.available, "needs grub-pc-bin and grub-efi-amd64-bin"),
        arguments: [(Firmware.bios, true), (.bios, false), (.uefi, true), (.uefi, false)])
    func boots(firmware: Firmware, asCD: Bool) async throws {
        try #require(firmware == .bios || BootFixtures.uefiAvailable, "OVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-boot") { directory in
            let image = try await GrubImage.make(in: directory, appendEFIPartition: false)
            try await expectBoot(image, firmware: firmware, asCD: asCD, directory: directory)
        }
    }

    @Test(
        "with the EFI image appended as its own GPT partition, UEFI boots it as a disk",
        .enabled(if: GrubImage.available && BootFixtures.uefiAvailable, "needs GRUB's BIOS and EFI modules and OVMF"))
    func appendedEFIPartition() async throws {
        try await withTemporaryDirectory(prefix: "isokit-boot") { directory in
            let image = try await GrubImage.make(in: directory, appendEFIPartition: true)
            try await expectBoot(image, firmware: .uefi, asCD: false, directory: directory)
        }
    }

    @Test(
        "sgdisk -v accepts the GPT and xorriso lists both El Torito entries with their paths",
        .enabled(if: GrubImage.available, "needs grub-pc-bin and grub-efi-amd64-bin"), .oracles("sgdisk", "xorriso"),
        arguments: [false, true])
    func oracles(appendEFIPartition: Bool) async throws {
        try await withTemporaryDirectory(prefix: "isokit-boot") { directory in
            let image = try await GrubImage.make(in: directory, appendEFIPartition: appendEFIPartition)
            let verify = try await Tool.run("sgdisk", ["-v", image])
            #expect(verify.stdout.contains("No problems found."), "\(verify.stdout)")
            let table = try await Tool.run("sgdisk", ["-p", image])
            // In the tree, the ESP image splits the ISO 9660 partition in two; appended, it follows the ISO data.
            let partitions = table.stdout.split(separator: "\n").filter { $0.contains("  0700  ") || $0.contains("  EF00  ") }
            #expect(partitions.count == (appendEFIPartition ? 2 : 3), "\(table.stdout)")
            #expect(partitions.filter { $0.contains("  EF00  EFI System") }.count == 1, "\(table.stdout)")
            let report = try await Tool.run("xorriso", ["-indev", image, "-report_el_torito", "plain"])
            let images = Self.fields(of: report.stdout, prefix: "El Torito boot img :")
            try #require(images.count == 2, "\(report.stdout)")
            #expect(images[0].prefix(3) == ["1", "BIOS", "y"], "\(report.stdout)")
            #expect(images[1].prefix(3) == ["2", "UEFI", "y"], "\(report.stdout)")
            #expect(Self.fields(of: report.stdout, prefix: "El Torito img opts :") == [["1", "boot-info-table", "grub2-boot-info"]])
            // An appended EFI partition lies outside the ISO 9660 tree, so xorriso finds no path for entry 2.
            let paths = Self.fields(of: report.stdout, prefix: "El Torito img path :")
            let expected = [["1", "/" + GrubImage.biosImage]] + (appendEFIPartition ? [] : [["2", "/" + GrubImage.efiImage]])
            #expect(paths == expected, "\(report.stdout)")
        }
    }

    /// Boots `image` and expects GRUB's marker within ``limit``.
    private func expectBoot(_ image: String, firmware: Firmware, asCD: Bool, directory: String) async throws {
        let medium = asCD ? BootMedium.cdrom(path: image) : .disk(path: image)
        let profile = MachineProfile(firmware: firmware, media: [medium])
        let log = directory + "/console.log"
        let result = try await ConsoleProbe.run(profile, expect: GrubImage.marker, timeout: Self.limit, log: log)
        #expect(result.matched, "\(firmware) \(asCD ? "CD" : "disk"): console: \(result.consoleTail)")
        #expect(BootFixtures.emulators(using: image).isEmpty)
    }

    /// The fields after `prefix` on each line of `text` that starts with it.
    static func fields(of text: String, prefix: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line in
            line.dropFirst(prefix.count).split(separator: " ").map(String.init)
        }
    }
}

/// A GRUB boot tree made with `grub-mkimage` and written by ``ISOCreator`` as a BIOS+UEFI hybrid image.
///
/// Both GRUB images carry an early config that finds the tree by a marker file, then reads `/boot/grub/grub.cfg`,
/// which turns on the serial console, prints ``marker`` and halts.
enum GrubImage {
    /// What `grub.cfg` prints once GRUB has found and read the image's file system.
    static let marker = "ISOKIT-BOOT-OK"
    /// GRUB's MBR for hybrid images (package grub-pc-bin).
    static let hybridMBR = "/usr/lib/grub/i386-pc/boot_hybrid.img"
    /// The BIOS El Torito image, inside the tree.
    static let biosImage = "boot/grub/eltorito.img"
    /// The FAT image holding `EFI/BOOT/BOOTX64.EFI`, inside the tree.
    static let efiImage = "boot/efi.img"
    /// The modules both GRUB images hold; the BIOS one adds `biosdisk`.
    static let modules = [
        "iso9660", "part_gpt", "part_msdos", "fat", "search", "search_fs_file", "configfile", "echo", "serial",
        "terminal", "normal", "halt", "sleep", "test",
    ]

    /// Whether GRUB's BIOS and EFI module directories and the hybrid MBR are installed (or oracles are required).
    static var available: Bool {
        Oracle.required
            || ["/usr/lib/grub/i386-pc", "/usr/lib/grub/x86_64-efi", hybridMBR].allSatisfy(FileManager.default.fileExists)
    }

    /// Builds the tree in `directory/tree` and writes `directory/grub.iso`.
    /// - Returns: The image's path.
    static func make(in directory: String, appendEFIPartition: Bool) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write(
            [
                "boot/grub/isokit-root.id": .text("isokit\n"),
                "boot/grub/grub.cfg": .text(
                    """
                    serial --unit=0 --speed=115200
                    terminal_output serial console
                    echo \(marker)
                    halt
                    """ + "\n"),
            ], under: tree)
        let early = directory + "/early.cfg"
        try FileTree.write(
            [
                "early.cfg": .text(
                    """
                    search --no-floppy --set=root --file /boot/grub/isokit-root.id
                    set prefix=($root)/boot/grub
                    configfile $prefix/grub.cfg
                    """ + "\n")
            ], under: directory)
        try await Tool.run(
            "grub-mkimage",
            ["-O", "i386-pc-eltorito", "-p", "/boot/grub", "-c", early, "-o", tree + "/" + biosImage, "biosdisk"] + modules)
        let efiBinary = directory + "/BOOTX64.EFI"
        try await Tool.run("grub-mkimage", ["-O", "x86_64-efi", "-p", "/boot/grub", "-c", early, "-o", efiBinary] + modules)
        let esp = tree + "/" + efiImage
        try await Tool.run("mkfs.fat", ["-C", esp, "4096"])
        try await Tool.run("mmd", ["-i", esp, "::/EFI", "::/EFI/BOOT"])
        try await Tool.run("mcopy", ["-i", esp, efiBinary, "::/EFI/BOOT/BOOTX64.EFI"])

        var options = ISOWriterOptions()
        options.volumeID = "ISOKIT_BOOT"
        options.sourceDateEpoch = 1_700_000_000
        options.bootImages = [
            BootImageOptions(firmware: .bios, path: biosImage, bootInfoTable: true, grub2BootInfo: true),
            BootImageOptions(firmware: .efi, path: efiImage),
        ]
        options.hybrid = true
        options.mbrBootCode = hybridMBR
        options.appendEFIPartition = appendEFIPartition
        let image = directory + "/grub.iso"
        _ = try ISOCreator.create(from: tree, to: image, options: options)
        return image
    }
}
