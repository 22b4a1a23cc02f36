import ArgumentParser
import Remaster

/// `isokit unpack`: unpack an image into an editable directory for `isokit repack`.
struct Unpack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unpack an ISO image into a directory to edit: its tree, its live root and its boot setup.",
        discussion: """
            Example: isokit unpack debian-live.iso work/
                     (edit work/tree/ and work/root/ with any tool)
                     isokit repack work/ -o new.iso

            DIR/tree/ is the ISO tree, DIR/root/ the live root file system (the top squashfs image: Debian live's \
            filesystem.squashfs, archiso's airootfs.sfs, casper's last image, an isokit image's highest layer), \
            DIR/boot/ holds boot images that are not files of the tree, and DIR/isokit-unpack.json describes the \
            boot setup, owners and devices. No root, no mount; DIR must be empty or missing.
            """)

    @Argument(help: ArgumentHelp("The image to unpack.", valueName: "image"))
    var image: String

    @Argument(help: ArgumentHelp("The directory to unpack into (empty or missing).", valueName: "dir"))
    var directory: String

    @Flag(help: "Don't extract the live root file system into DIR/root/.")
    var noRoot = false

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func run() async throws {
        let (image, directory, includeRoot) = (image, directory, !noRoot)
        let progress = Terminal.progress(label: "unpack", quiet: global.quiet || format.json)
        let report = try await Failure.runBlocking {
            try Unpacker.unpack(image: image, to: directory, includeRoot: includeRoot, progress: progress)
        }
        try Failure.run {
            if format.json { return try Terminal.json(report) }
            if !global.quiet {
                Terminal.error("unpacked \(report.treeFiles) tree entries (\(ByteCount.text(report.treeBytes))) to \(directory)/tree")
                if let root = report.rootImage {
                    Terminal.error("unpacked \(root) (\(report.rootEntries) entries) to \(directory)/root")
                }
                for file in report.bootImages { Terminal.error("saved a boot image outside the tree as \(directory)/\(file)") }
            }
        }
    }
}
