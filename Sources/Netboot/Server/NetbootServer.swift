import Hummingbird
import Logging
import NIOCore

/// `isokit netboot serve`: an HTTP server for a folder of ISOs and the iPXE menu that boots them.
///
/// Routes: `GET`/`HEAD` `/boot.ipxe` (the menu), `/catalog.json`, `/iso/NAME.iso` (the whole image),
/// `/iso/NAME/PATH` (a regular file read from inside the image, never extracted), `/memdisk`. Files are streamed
/// in 256 KiB chunks with `Range` (single, suffix, open-ended, multi-range), `ETag`/`Last-Modified` and the
/// conditional requests of RFC 9110.
public struct NetbootServer: Sendable {
    /// How the server runs.
    public let options: NetbootServerOptions
    let library: NetbootLibrary

    /// Scans the folder once; serving starts with ``run(handlingSignals:onListening:)``.
    /// - Throws: ``NetbootError/unreadableDirectory(path:reason:)``.
    public init(options: NetbootServerOptions) throws {
        self.options = options
        library = try NetbootLibrary(
            directory: options.directory, options: options.catalog, recheckInterval: options.rescanInterval)
    }

    /// The catalog as first scanned.
    public var initialCatalog: NetbootCatalog { library.state.withLock { $0.catalog } }

    /// Serves until cancelled or, with `handlingSignals`, until SIGINT or SIGTERM; both stop gracefully (open
    /// responses finish, then the listener closes).
    /// - Parameters:
    ///   - handlingSignals: Whether SIGINT/SIGTERM stop the server (the CLI); tests cancel the task instead.
    ///   - onListening: Called once the socket is bound, with the port (useful when ``NetbootServerOptions/port``
    ///     is 0).
    /// - Throws: ``IOError`` when ``NetbootServerOptions/accessLogPath`` can't be opened, and the server's errors.
    public func run(handlingSignals: Bool = true, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        var logger = Logger(label: "isokit-netboot")
        logger.logLevel = .critical
        let sink = try AccessLog.Sink(path: options.accessLog ? options.accessLogPath : nil)
        defer { sink.close() }
        let responder = NetbootResponder(library: library, options: options, accessLog: sink)
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? options.port) },
            logger: logger)
        if handlingSignals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}
