import ArgumentParser
import ISO9660

extension PartitionScheme: ExpressibleByArgument {}

/// The El Torito and hybrid options of `isokit create`.
struct BootOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "BIOS no-emulation boot image, a path inside the tree (mkisofs -b); repeat for more entries, the first is the default.",
        valueName: "path"))
    var biosBoot: [String] = []

    @Option(help: ArgumentHelp("512-byte sectors the BIOS loads from the boot image (default 4).", valueName: "n"))
    var bootLoadSize: UInt16?

    @Flag(help: "Patch a boot info table into the BIOS boot image (mkisofs -boot-info-table).")
    var bootInfoTable = false

    @Flag(help: "Patch GRUB 2 boot info into the BIOS boot image (xorriso --grub2-boot-info).")
    var grub2BootInfo = false

    @Option(help: ArgumentHelp(
        "UEFI boot image (a FAT ESP image), a path inside the tree (mkisofs -e); repeatable. The first is the ESP partition.",
        valueName: "path"))
    var efiBoot: [String] = []

    @Flag(help: "Also put the EFI image after the ISO data as its own GPT partition (with --hybrid).")
    var appendEFIPartition = false

    @Flag(help: "Write an MBR and GPT so the image also boots from a USB stick or disk.")
    var hybrid = false

    @Option(help: ArgumentHelp("Partition table of a hybrid image: gpt (protective MBR + GPT) or mbr.", valueName: "scheme"))
    var partitionTable: PartitionScheme = .gpt

    @Option(help: ArgumentHelp("Boot code for the hybrid MBR, e.g. GRUB's boot_hybrid.img (a host file).", valueName: "file"))
    var mbrCode: String?

    func validate() throws {
        if mbrCode != nil, !hybrid { throw ValidationError("--mbr-code needs --hybrid.") }
        if appendEFIPartition, efiBoot.isEmpty || !hybrid {
            throw ValidationError("--append-efi-partition needs --efi-boot and --hybrid.")
        }
        if hybrid, biosBoot.isEmpty, efiBoot.isEmpty { throw ValidationError("--hybrid needs --bios-boot or --efi-boot.") }
    }

    /// Sets the boot entries and hybrid layout of `options`.
    func apply(to options: inout ISOWriterOptions) {
        options.hybrid = hybrid
        options.mbrBootCode = mbrCode
        options.partitionScheme = partitionTable
        options.appendEFIPartition = appendEFIPartition
        options.bootImages = biosBoot.map {
            BootImageOptions(
                firmware: .bios, path: $0, loadSectors: bootLoadSize, bootInfoTable: bootInfoTable,
                grub2BootInfo: grub2BootInfo)
        } + efiBoot.map { BootImageOptions(firmware: .efi, path: $0) }
    }
}
