import ArgumentParser
import Foundation
import ISO9660

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

    @OptionGroup(title: "Boot") var boot: BootOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

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
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        boot.apply(to: &options)
        let (directory, output) = (directory, output)
        let observer = Terminal.progress(label: "create", quiet: global.quiet || format.json)
        let report = try await Failure.runBlocking { [options] in
            try ISOCreator.create(from: directory, to: output, options: options, observer: observer)
        }
        try Failure.run {
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                Terminal.error("wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.files) files, "
                    + "\(report.directories) directories, \(report.bootEntries) boot entries")
            }
        }
    }
}
