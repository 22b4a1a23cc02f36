import Dispatch
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `isokit netboot serve`: an HTTP server for a folder of ISOs and the iPXE menu that boots them.
///
/// Routes: `GET`/`HEAD` `/boot.ipxe` (the menu), `/catalog.json`, `/iso/NAME.iso` (the whole image),
/// `/iso/NAME/PATH` (a regular file read from inside the image, never extracted), `/memdisk`. Files are sent with
/// `sendfile` (small files inside an image from memory), with `Range` (single, suffix, open-ended, multi-range),
/// `ETag`/`Last-Modified` and the conditional requests of RFC 9110. It is a SwiftNIO server whose one handler
/// parses HTTP/1.1 requests and answers them on the connection's event loop.
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

    /// Serves until cancelled or, with `handlingSignals`, until SIGINT or SIGTERM; both stop gracefully (the
    /// listener closes, open responses finish, then their connections close). A second signal during that wait ends
    /// the process.
    /// - Parameters:
    ///   - handlingSignals: Whether SIGINT/SIGTERM stop the server (the CLI); tests cancel the task instead.
    ///   - onListening: Called once the socket is bound, with the port (useful when ``NetbootServerOptions/port``
    ///     is 0).
    /// - Throws: ``IOError`` when ``NetbootServerOptions/accessLogPath`` can't be opened, and NIO's bind errors.
    public func run(handlingSignals: Bool = true, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        let sink = try AccessLog.Sink(path: options.accessLog ? options.accessLogPath : nil)
        defer { sink.close() }
        let accessLog = options.accessLog ? sink : nil
        let responder = NetbootResponder(library: library, options: options)
        let connections = NetbootConnections()
        let idleTimeout = TimeAmount.nanoseconds(
            options.idleTimeout.components.seconds * 1_000_000_000 + options.idleTimeout.components.attoseconds / 1_000_000_000)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    // The handler parses requests, orders pipelined ones, refuses malformed ones and writes its
                    // responses itself, so NIO's HTTP codec, pipelining and error handlers are left out.
                    try channel.pipeline.syncOperations.addHandler(
                        NetbootHTTPHandler(
                            responder: responder, accessLog: accessLog, idleTimeout: idleTimeout))
                }
            }
        let listener = try await bootstrap.bind(host: options.host, port: options.port).get()
        await onListening(listener.localAddress?.port ?? options.port)
        await Self.waitForStop(handlingSignals: handlingSignals)
        try? await listener.close()
        await connections.quiesce()
    }

    /// Returns when the task is cancelled or, with `handlingSignals`, on SIGINT or SIGTERM. The signals are taken
    /// with Dispatch signal sources (NIO has no signal API); afterwards their default action is restored.
    static func waitForStop(handlingSignals: Bool) async {
        let (stops, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        if handlingSignals {
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number)
                source.setEventHandler { continuation.yield() }
                source.resume()
                sources.append(source)
            }
        }
        await withTaskCancellationHandler {
            for await _ in stops { break }
        } onCancel: {
            continuation.finish()
        }
        for source in sources { source.cancel() }
        if handlingSignals { for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) } }
    }
}
