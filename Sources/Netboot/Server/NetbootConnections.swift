import NIOCore
import Synchronization

/// The server's open connections, so that a stop can let each finish the response it is sending and then close it.
final class NetbootConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Tracks `channel` until it closes.
    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        channels.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// Asks every connection to close once its responses in progress are written (idle ones close at once;
    /// ``NetbootHTTPHandler`` acts on `ChannelShouldQuiesceEvent`), and waits until all have closed.
    func quiesce() async {
        while true {
            let open = channels.withLock { Array($0.values) }
            guard !open.isEmpty else { return }
            for channel in open { channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
            for channel in open { try? await channel.closeFuture.get() }
        }
    }
}
