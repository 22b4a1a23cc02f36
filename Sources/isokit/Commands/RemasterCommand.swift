import ArgumentParser
import Foundation
import Remaster

/// `isokit remaster`: patch an image's tree and write it again with its boot setup.
struct RemasterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remaster",
        abstract: "Write a changed copy of an ISO image that keeps its El Torito entries and hybrid layout.",
        discussion: """
            Example: isokit remaster in.iso -o out.iso --patch rootpatch/ --delete /boot/grub/fonts

            The input is read, never changed; no mount and no root are needed. SOURCE_DATE_EPOCH makes the output \\
            bit-identical.
            """)

    @Argument(help: ArgumentHelp("The image to remaster.", valueName: "image"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the new image here.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Copy this directory's contents over the image's tree; repeatable.", valueName: "dir"))
    var patch: [String] = []

    @Option(help: ArgumentHelp(
        "Copy this directory's contents over the live root file system (isokit images: as a new top layer); repeatable.",
        valueName: "dir"))
    var patchRoot: [String] = []

    @Option(help: ArgumentHelp("Add this directory as a new top squashfs layer (isokit images); repeatable.", valueName: "dir"))
    var addLayer: [String] = []

    @Option(help: ArgumentHelp("Leave this absolute path out of the image; repeatable.", valueName: "path"))
    var delete: [String] = []

    @Option(help: ArgumentHelp("A new volume id.", valueName: "id"))
    var volid: String?

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func run() async throws {
        var options = RemasterOptions(input: input, output: output)
        options.patches = patch
        options.rootLayers = addLayer + patchRoot
        options.deletions = delete
        options.volumeID = volid
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        try Failure.run {
            let report = try Remasterer.remaster(
                options, progress: Terminal.progress(label: "remaster", quiet: global.quiet || format.json))
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                Terminal.error("wrote \(report.output): \(ByteCount.text(report.bytes)), \(report.bootEntries.count) boot "
                    + "entries, \(report.patched.count) patched, \(report.deleted.count) deleted")
                for line in report.notReplayed { Terminal.error("isokit: not carried over: \(line)") }
            }
        }
    }
}
