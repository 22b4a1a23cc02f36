import ArgumentParser
import ISO9660

/// `isokit extract`: copy files out of an image.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy files out of an image, keeping modes, times and symbolic links; no root, no mount.",
        discussion: """
            Example: isokit extract debian.iso /live/vmlinuz /live/initrd.img -o boot/
                     isokit extract debian.iso --all -o tree/
            Nothing is ever written outside the output directory.
            """)

    @Argument(help: ArgumentHelp("The image to read.", valueName: "image"))
    var image: String

    @Argument(help: ArgumentHelp("Files or directories inside the image.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Extract the whole tree.")
    var all = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write into (created if missing).", valueName: "dir"))
    var output: String

    @Flag(help: "Replace files that already exist in the output directory.")
    var overwrite = false

    @Option(help: ArgumentHelp("Which names to use: auto, rockridge, joliet or iso9660.", valueName: "namespace"))
    var namespace: Namespace = .auto

    @OptionGroup var global: GlobalOptions
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if all == !paths.isEmpty { throw ValidationError("Give either paths inside the image or --all.") }
    }

    func run() async throws {
        let (image, namespace, overwrite, wanted, output) = (image, namespace, overwrite, all ? ["/"] : paths, output)
        let observer = Terminal.progress(label: "extract", quiet: global.quiet || format.json)
        let summary = try await Failure.runBlocking {
            let iso = try ISOImage(path: image, namespace: namespace)
            let extractor = Extractor(image: iso, options: ExtractOptions(overwrite: overwrite), observer: observer)
            return try extractor.extract(wanted, to: output)
        }
        try Failure.run {
            if format.json { return try Terminal.json(summary) }
            for skipped in summary.skipped { Terminal.error("isokit: skipped \(skipped)") }
            if !global.quiet {
                Terminal.error("extracted \(summary.files) files, \(summary.directories) directories, "
                    + "\(summary.symlinks) symlinks, \(ByteCount.text(summary.bytes)) to \(output)")
            }
        }
    }
}
