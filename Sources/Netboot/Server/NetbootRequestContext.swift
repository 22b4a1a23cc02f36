import Hummingbird
import NIOCore

/// Hummingbird's basic request context plus the connection's channel, so a streamed body can wait for the channel's
/// event loop to take each chunk (see ``ByteSource/write(_:to:eventLoop:)``).
struct NetbootRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection's channel.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
