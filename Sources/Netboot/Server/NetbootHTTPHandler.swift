import BinaryIO
import Foundation
import NIOCore
import NIOHTTP1

/// The netboot server's HTTP/1.1 handler, one per connection, right after NIO's request decoder.
///
/// It answers on the connection's event loop and writes the response itself: the status line and headers as one
/// buffer, in-memory parts as buffers, runs of an open image as `FileRegion`s (NIO sends them with `sendfile`: no
/// copy through user space, no thread hop). Nothing else sits on the outbound side, so a response costs one flush.
/// Requests that arrive while an answer is being prepared off the loop (pipelining) wait in order. The access log
/// line is written once the response has gone out, or has failed (then marked `aborted`).
final class NetbootHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = IOData

    let responder: NetbootResponder
    /// Where access log lines go; `nil` for none.
    let accessLog: AccessLog.Sink?
    /// The head of the request whose body is being read.
    private var request: HTTPRequestHead?
    /// Whether an answer is being prepared off the event loop; later requests wait in ``waiting``.
    private var preparing = false
    private var waiting = CircularBuffer<HTTPRequestHead>()
    /// Responses written whose last byte has not gone out yet.
    private var sending = 0
    /// Set by a stop (`ChannelShouldQuiesceEvent`) or `Connection: close`: close once nothing is left to send.
    private var closing = false
    /// Whether reading from the socket is paused (see ``updateReading(context:)``).
    private var paused = false
    /// The most requests that wait behind one being prepared before reading pauses.
    static let waitingLimit = 16
    /// The `Date` value for ``dateSecond`` (formatted once a second at most).
    private var date = ""
    private var dateSecond: Int64 = -1

    init(responder: NetbootResponder, accessLog: AccessLog.Sink?) {
        self.responder = responder
        self.accessLog = accessLog
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break  // GET and HEAD carry no body that matters; anything sent is read and dropped
        case .end:
            guard let head = request, !closing else { return }
            request = nil
            if preparing {
                waiting.append(head)
                updateReading(context: context)
            } else {
                handle(head, context: context)
            }
        }
    }

    /// Answers `head`, then the requests that queued up behind it while it was prepared.
    func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        var next: HTTPRequestHead? = head
        while let head = next {
            next = nil
            let started = ContinuousClock.now
            if let reply = responder.answerNow(head) {
                write(reply, for: head, started: started, context: context)
                next = waiting.popFirst()
                continue
            }
            preparing = true
            let answered = responder.answer(head, localPort: context.channel.localAddress?.port, on: context.eventLoop)
            answered.assumeIsolated().whenComplete { result in
                self.preparing = false
                defer { self.updateReading(context: context) }
                let reply: NetbootReply
                switch result {
                case .success(let answered): reply = answered
                case .failure(let error):
                    reply = .plain(.internalServerError, "\(error)\n", head: head.method == .HEAD)
                }
                self.write(reply, for: head, started: started, context: context)
                if let queued = self.waiting.popFirst() { self.handle(queued, context: context) }
            }
        }
    }

    /// Writes `reply` (status line and headers, parts) and flushes; once it has gone out, logs it and closes the
    /// connection if it is closing and nothing else is left to send.
    func write(_ reply: NetbootReply, for request: HTTPRequestHead, started: ContinuousClock.Instant, context: ChannelHandlerContext) {
        if !request.isKeepAlive {
            // `Connection: close`: this is the last response; requests pipelined after it are dropped.
            closing = true
            waiting.removeAll()
        }
        var head = context.channel.allocator.buffer(capacity: 512)
        Self.writeHead(reply, version: request.version, keepAlive: !closing, date: currentDate(), into: &head)
        // The region's handle borrows the reader's descriptor: it is handed back (not closed) once the response is
        // done, and the reply (which keeps the reader, and so the descriptor, open) lives until then.
        var handle: NIOFileHandle?
        var writes: [(data: IOData, count: Int64)] = []
        for part in reply.parts {
            switch part {
            case .bytes(let buffer):
                writes.append((.byteBuffer(buffer), Int64(buffer.readableBytes)))
            case .file(let run):
                guard let file = reply.file else { continue }
                if handle == nil { handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: file.descriptor.rawValue) }
                guard let handle else { continue }
                let region = FileRegion(
                    fileHandle: handle, readerIndex: Int(run.offset), endIndex: Int(run.offset + run.count))
                writes.append((.fileRegion(region), run.count))
            }
        }
        sending += 1
        // The last write carries `done`; with an access log, the others count what went out before a failure.
        let done = context.eventLoop.makePromise(of: Void.self)
        context.write(wrapOutboundOut(.byteBuffer(head)), promise: writes.isEmpty ? done : nil)
        var sent: Int64 = 0
        for (index, write) in writes.enumerated() {
            if index == writes.count - 1 {
                context.write(wrapOutboundOut(write.data), promise: done)
            } else if accessLog != nil {
                let promise = context.eventLoop.makePromise(of: Void.self)
                context.write(wrapOutboundOut(write.data), promise: promise)
                promise.futureResult.assumeIsolated().whenSuccess { sent += write.count }
            } else {
                context.write(wrapOutboundOut(write.data), promise: nil)
            }
        }
        context.flush()
        let accessLog = accessLog
        done.futureResult.assumeIsolated().whenComplete { result in
            if let handle { _ = try? handle.takeDescriptorOwnership() }
            withExtendedLifetime(reply) {}
            self.sending -= 1
            if let accessLog {
                let path = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let (bytes, note) = if case .failure = result { (sent, " aborted") } else { (reply.bodyBytes, "") }
                accessLog.write(
                    AccessLog.line(request.method.rawValue, String(path), Int(reply.status.code), bytes, started, note: note))
            }
            self.closeIfDone(context: context)
        }
    }

    /// RFC 9112 §4, §5 — the status line and header fields of `reply`, with `Date` and the connection's fate.
    static func writeHead(
        _ reply: NetbootReply, version: HTTPVersion, keepAlive: Bool, date: String, into buffer: inout ByteBuffer
    ) {
        buffer.writeString("HTTP/\(version.major).\(version.minor) \(reply.status.code) \(reply.status.reasonPhrase)\r\n")
        for (name, value) in reply.headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("Date: ")
        buffer.writeString(date)
        if !keepAlive {
            buffer.writeStaticString("\r\nConnection: close")
        } else if version.major == 1 && version.minor == 0 {
            buffer.writeStaticString("\r\nConnection: keep-alive")
        }
        buffer.writeStaticString("\r\n\r\n")
    }

    /// Pauses reading while the client sends faster than it is answered: when too many requests wait behind one
    /// being prepared, or when the socket's send buffer is full (the client is not reading its responses); resumes
    /// when both are over. So a connection holds a bounded number of requests and responses.
    func updateReading(context: ChannelHandlerContext) {
        let pause = waiting.count >= Self.waitingLimit || !context.channel.isWritable
        guard pause != paused else { return }
        paused = pause
        do {
            try context.channel.syncOptions?.setOption(.autoRead, value: !pause)
        } catch {
            context.close(promise: nil)  // only a channel already closing refuses the option
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        updateReading(context: context)
        context.fireChannelWritabilityChanged()
    }

    /// Closes the connection once it is closing and no response is being prepared, waiting or sent.
    func closeIfDone(context: ChannelHandlerContext) {
        if closing && !preparing && sending == 0 && waiting.isEmpty { context.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // A stop: requests already read are still answered, new ones are not.
        closing = true
        closeIfDone(context: context)
    }

    /// RFC 9110 §6.6.1 — the `Date` header for now, reformatted at most once a second.
    func currentDate() -> String {
        let now = Int64(time(nil))
        if now != dateSecond {
            dateSecond = now
            date = HTTPDate.format(now)
        }
        return date
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A malformed request (the decoder's error is fatal for the connection): a 400 if no response has begun.
        if error is HTTPParserError && sending == 0 && !preparing {
            let reply = NetbootReply(status: .badRequest, headers: ["Content-Length": "0"])
            var head = context.channel.allocator.buffer(capacity: 128)
            Self.writeHead(reply, version: .http1_1, keepAlive: false, date: currentDate(), into: &head)
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(head)), promise: nil)
        }
        context.close(promise: nil)
    }
}
