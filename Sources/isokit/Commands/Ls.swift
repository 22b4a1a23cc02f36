import ArgumentParser
import ISO9660

extension Namespace: ExpressibleByArgument {}

/// `isokit ls`: list a directory inside an image.
struct Ls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List files inside an image without mounting it.",
        discussion: "Example: isokit ls debian.iso /live -l")

    @Argument(help: ArgumentHelp("The image to read.", valueName: "image"))
    var image: String

    @Argument(help: ArgumentHelp("The directory or file inside the image.", valueName: "path"))
    var path = "/"

    @Flag(name: .short, help: "Long listing: mode, links, owner, group, size, date, link target.")
    var long = false

    @Flag(name: .customShort("R"), help: "List subdirectories recursively.")
    var recursive = false

    @Option(help: ArgumentHelp("Which names to use: auto, rockridge, joliet or iso9660.", valueName: "namespace"))
    var namespace: Namespace = .auto

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try Failure.run {
            let listing = try ImageListing.list(image: image, path: path, recursive: recursive, namespace: namespace)
            if output.json { return try Terminal.json(listing) }
            for entry in listing.entries {
                let name = recursive ? entry.path : entry.name
                print(long ? ListingText.long(entry, name: name) : name)
            }
        }
    }
}
