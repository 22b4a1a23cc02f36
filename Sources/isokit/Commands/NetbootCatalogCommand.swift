import ArgumentParser
import Netboot

/// `isokit netboot catalog`: what `serve` would offer.
struct NetbootCatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the ISOs of a folder, their boot entries and how each netboots.",
        discussion: "Example: isokit netboot catalog /srv/isos --base-url http://192.0.2.1:8080 --json")

    @Argument(help: ArgumentHelp("The folder of ISO images.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("Resolve URLs and kernel command lines against this server URL.", valueName: "url"))
    var baseURL = "http://SERVER:8080"

    @Option(help: ArgumentHelp("Add a kernel parameter to every entry (repeatable).", valueName: "param"))
    var append: [String] = []

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try Failure.run {
            let base = try NetbootServerOptions.checkBaseURL(baseURL)
            let catalog = try NetbootCatalog.scan(directory: directory).resolved(baseURL: base, extraParameters: append)
            if output.json { return try Terminal.json(catalog) }
            print(NetbootText.listing(catalog), terminator: "")
        }
    }
}
