import ArgumentParser
import Foundation
import ISO9660

extension PartitionScheme: ExpressibleByArgument {}

/// `isokit create`: write a directory tree as an ISO 9660 image.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a directory as an ISO 9660 image with Rock Ridge, Joliet, El Torito and a hybrid MBR/GPT.",
        discussion: """
            Example: isokit create tree/ -o live.iso --volid LIVE \\
                       --bios-boot boot/grub/i386-pc/eltorito.img --efi-boot efi.img \\
                       --hybrid --mbr-code /usr/lib/grub/i386-pc/boot_hybrid.img
            Boot paths are inside the tree, as with mkisofs -b / -e. SOURCE_DATE_EPOCH makes the output bit-identical.
            """)

    @Argument(help: ArgumentHelp("The directory to write.", valueName: "dir"))
    var directory: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the image here.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Volume identifier (up to 32 characters).", valueName: "id"))
    var volid = "ISOKIT"

    @Option(help: ArgumentHelp("Publisher identifier.", valueName: "text"))
    var publisher = ""

    @Option(help: ArgumentHelp("Application identifier.", valueName: "text"))
    var application = "ISOKIT"

    @Option(help: ArgumentHelp("Data preparer identifier.", valueName: "text"))
    var preparer = "ISOKIT"

    @Option(help: ArgumentHelp("BIOS no-emulation boot image, a path inside the tree (mkisofs -b).", valueName: "path"))
    var biosBoot: String?

    @Option(help: ArgumentHelp("512-byte sectors the BIOS loads from the boot image (default 4).", valueName: "n"))
    var bootLoadSize: UInt16?

    @Flag(help: "Patch a boot info table into the BIOS boot image (mkisofs -boot-info-table).")
    var bootInfoTable = false

    @Flag(help: "Patch GRUB 2 boot info into the BIOS boot image (xorriso --grub2-boot-info).")
    var grub2BootInfo = false

    @Option(help: ArgumentHelp("UEFI boot image (a FAT ESP image), a path inside the tree (mkisofs -e).", valueName: "path"))
    var efiBoot: String?

    @Flag(help: "Also put the EFI image after the ISO data as its own GPT partition (with --hybrid).")
    var appendEFIPartition = false

    @Flag(help: "Write an MBR and GPT so the image also boots from a USB stick or disk.")
    var hybrid = false

    @Option(help: ArgumentHelp("Partition table of a hybrid image: gpt (protective MBR + GPT) or mbr.", valueName: "scheme"))
    var partitionTable: PartitionScheme = .gpt

    @Option(help: ArgumentHelp("Boot code for the hybrid MBR, e.g. GRUB's boot_hybrid.img (a host file).", valueName: "file"))
    var mbrCode: String?

    @Flag(help: "Add /md5sum.txt with an MD5 line per file (check with md5sum -c from the image root).")
    var md5 = false

    @Flag(help: "Leave out the Joliet tree.")
    var noJoliet = false

    @Flag(help: "Leave out Rock Ridge.")
    var noRockRidge = false

    @Flag(name: .customShort("r"), help: "Owner and group 0 and normalised modes for every file (mkisofs -r).")
    var rootOwnership = false

    @Option(help: ArgumentHelp("Leave out relative paths matching this glob; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if mbrCode != nil, !hybrid { throw ValidationError("--mbr-code needs --hybrid.") }
        if appendEFIPartition, efiBoot == nil || !hybrid { throw ValidationError("--append-efi-partition needs --efi-boot and --hybrid.") }
        if hybrid, biosBoot == nil, efiBoot == nil { throw ValidationError("--hybrid needs --bios-boot or --efi-boot.") }
    }

    func run() async throws {
        var options = ISOWriterOptions()
        options.volumeID = volid
        options.publisher = publisher
        options.application = application
        options.preparer = preparer
        options.joliet = !noJoliet
        options.rockRidge = !noRockRidge
        options.rootOwnership = rootOwnership
        options.excludes = exclude
        options.md5List = md5
        options.hybrid = hybrid
        options.mbrBootCode = mbrCode
        options.partitionScheme = partitionTable
        options.appendEFIPartition = appendEFIPartition
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        if let biosBoot {
            options.bootImages.append(BootImageOptions(
                firmware: .bios, path: biosBoot, loadSectors: bootLoadSize, bootInfoTable: bootInfoTable,
                grub2BootInfo: grub2BootInfo))
        }
        if let efiBoot { options.bootImages.append(BootImageOptions(firmware: .efi, path: efiBoot)) }
        try Failure.run {
            let report = try ISOCreator.create(
                from: directory, to: output, options: options,
                observer: Terminal.progress(label: "create", quiet: global.quiet || format.json))
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                Terminal.error("wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.files) files, "
                    + "\(report.directories) directories, \(report.bootEntries) boot entries")
            }
        }
    }
}
