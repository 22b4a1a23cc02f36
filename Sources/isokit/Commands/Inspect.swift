import ArgumentParser
import ISO9660

/// `isokit inspect`: volume, namespaces, tree, boot entries and partition tables of an image.
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an image's volume ids and dates, sizes, El Torito boot entries and partition tables.",
        discussion: "Example: isokit inspect debian.iso --json")

    @Argument(help: ArgumentHelp("The image to read.", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("Which names to count: auto, rockridge, joliet or iso9660.", valueName: "namespace"))
    var namespace: Namespace = .auto

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try Failure.run {
            let report = try ImageInspector.inspect(path: image, namespace: namespace)
            if output.json { return try Terminal.json(report) }
            print(InspectionText.render(report), terminator: "")
        }
    }
}
