import ArgumentParser
import Foundation
import Netboot

/// `isokit netboot serve`: the HTTP server.
struct NetbootServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an iPXE menu and the files inside a folder of ISOs over HTTP.",
        discussion: """
            Example: isokit netboot serve /srv/isos --listen 0.0.0.0:8080 --base-url http://192.0.2.1:8080
            Routes: /boot.ipxe (menu), /catalog.json, /iso/NAME.iso (whole), /iso/NAME/PATH (a file inside it).
            The folder is rescanned when it changes. SIGINT or SIGTERM stops the server gracefully.
            """)

    @Argument(help: ArgumentHelp("The folder of ISO images.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The address and port to listen on.", valueName: "host:port"))
    var listen = "0.0.0.0:8080"

    @Option(help: ArgumentHelp("The URL clients use to reach this server (default: from each request's Host header).",
        valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Add a kernel parameter to every menu entry (repeatable).", valueName: "param"))
    var append: [String] = []

    @Option(help: ArgumentHelp("Seconds the menu waits before booting the default entry.", valueName: "seconds"))
    var menuTimeout = 5

    @Option(help: ArgumentHelp(
        "A TOML file of static network settings, served as /host/MAC.ipxe to hosts without DHCP.", valueName: "file"))
    var hosts: String?

    @Option(help: ArgumentHelp(
        "Close a connection after this many seconds without a request while no response is being sent.",
        valueName: "seconds"))
    var idleTimeout = 60

        @Flag(name: .shortAndLong, help: "No access log and no startup message.")
    var quiet = false

    func validate() throws {
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be at least 1 second") }
    }

    func run() async throws {
        try await Failure.runAsync {
            let (host, port) = try NetbootServerOptions.parseListen(listen)
            let options = NetbootServerOptions(
                directory: directory, host: host, port: port, baseURL: try baseURL.map(NetbootServerOptions.checkBaseURL),
                extraParameters: append, menuTimeoutSeconds: menuTimeout, accessLog: !quiet,
                hosts: try hosts.map(NetbootHosts.load) ?? NetbootHosts(), idleTimeout: .seconds(idleTimeout))
            let server = try NetbootServer(options: options)
            let quiet = quiet
            let summary = NetbootText.summary(server.initialCatalog)
            try await server.run { port in
                guard !quiet else { return }
                Terminal.error(summary)
                Terminal.error("isokit: serving \(options.directory) on \(host):\(port); menu at /boot.ipxe")
            }
        }
    }
}
