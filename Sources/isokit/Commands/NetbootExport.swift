import ArgumentParser
import Netboot

/// `isokit netboot export`: the served URL tree as static files.
struct NetbootExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the URL tree `netboot serve` answers as static files, for nginx, object storage or a CDN.",
        discussion: """
            Example: isokit netboot export /srv/isos -o /var/www/netboot --base-url http://boot.example.net

            Same URLs and bytes as serve for that base URL: /boot.ipxe, /catalog.json, /host/MAC.ipxe, /iso/NAME.iso \
            (hard links) and the files iPXE and the live systems fetch from inside each ISO.
            """)

    @Argument(help: ArgumentHelp("The folder of ISO images.", valueName: "dir"))
    var directory: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The site directory to write (new or empty).", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("The URL clients reach the site at.", valueName: "url"))
    var baseURL: String

    @Option(help: ArgumentHelp("Add a kernel parameter to every menu entry (repeatable).", valueName: "param"))
    var append: [String] = []

    @Option(help: ArgumentHelp("Seconds the menu waits before booting the default entry.", valueName: "seconds"))
    var menuTimeout = 5

    @Option(help: ArgumentHelp("A TOML file of static network settings, written as /host/MAC.ipxe.", valueName: "file"))
    var hosts: String?

    @OptionGroup var format: OutputOptions

    func run() throws {
        try Failure.run {
            let options = NetbootServerOptions(
                directory: directory, extraParameters: append, menuTimeoutSeconds: menuTimeout,
                hosts: try hosts.map(NetbootHosts.load) ?? NetbootHosts())
            let written = try NetbootExporter.export(directory: directory, to: output, baseURL: baseURL, options: options)
            if format.json { return try Terminal.json(written) }
            for path in written { print(path) }
        }
    }
}
