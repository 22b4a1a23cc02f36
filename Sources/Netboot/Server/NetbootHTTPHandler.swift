import BinaryIO
import Foundation
import NIOCore
import NIOHTTP1

/// The netboot server's HTTP/1.1 connection handler, the only handler in the pipeline.
///
/// It reads request heads straight from the socket's bytes (``RequestHead``), answers on the connection's event loop
/// and writes the response itself: the status line and headers as one buffer, in-memory parts as buffers, runs of an
/// open image as `FileRegion`s (NIO sends them with `sendfile`: no copy through user space, no thread hop). So a
/// request costs one parse and a response one flush. Requests that arrive while an answer is being prepared off the
/// loop (pipelining) wait in order. The access log line is written once the response has gone out, or has failed
/// (then marked `aborted`).
final class NetbootHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = IOData

    let responder: NetbootResponder
    /// Where access log lines go; `nil` for none.
    let accessLog: AccessLog.Sink?
    /// Bytes read and not parsed yet (a head cut by the end of a read, or requests behind a full queue).
    private var unread: ByteBuffer?
    /// Body bytes of the last request still to be skipped.
    private var bodyLeft = 0
    /// Whether an answer is being prepared off the event loop; later requests wait in ``waiting``.
    private var preparing = false
    private var waiting = CircularBuffer<RequestHead>()
    /// The answer to a refused request that came while another was being prepared: sent once the queue empties.
    private var refusal: (reply: NetbootReply, request: RequestHead)?
    /// Responses written with a promise (they send runs of a file, or are logged) whose last byte has not gone out yet.
    private var sending = 0
    /// Set by a stop (`ChannelShouldQuiesceEvent`), `Connection: close` or a refused request: close once nothing is
    /// left to send.
    private var closing = false
    /// Whether ``closeIfDone(context:)`` has begun closing.
    private var closeStarted = false
    /// Whether reading from the socket is paused (see ``updateReading(context:)``).
    private var paused = false
    /// The most requests that wait behind one being prepared before parsing stops and reading pauses.
    static let waitingLimit = 16
    /// The `Date` value for ``dateSecond`` (formatted once a second at most).
    private var date = ""
    private var dateSecond: Int64 = -1

    /// How long the connection may go without reading while it owes nothing (see ``closeIfIdle(context:)``).
    let idleTimeout: TimeAmount
    /// Whether anything was read since the last idle check.
    private var readSinceCheck = false
    private var idleCheck: RepeatedTask?

    init(responder: NetbootResponder, accessLog: AccessLog.Sink?, idleTimeout: TimeAmount) {
        self.responder = responder
        self.accessLog = accessLog
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: idleTimeout, delay: idleTimeout) { _ in
            let (handler, context) = loopBound.value
            handler.closeIfIdle(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
    }

    /// Closes the connection if nothing was read for a whole ``idleTimeout`` while no response was owed: an idle
    /// keep-alive connection, or a client sending its head too slowly. A response being prepared or sent (a slow
    /// download) keeps it open.
    func closeIfIdle(context: ChannelHandlerContext) {
        defer { readSinceCheck = false }
        guard !readSinceCheck, !preparing, sending == 0, waiting.isEmpty, refusal == nil else { return }
        closing = true
        closeIfDone(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        readSinceCheck = true
        var bytes = unwrapInboundIn(data)
        if unread == nil {
            unread = bytes
        } else {
            unread?.writeBuffer(&bytes)
        }
        parse(context: context)
    }

    /// Takes the complete requests out of ``unread`` and answers them (or queues them), until the bytes end, the
    /// queue is full or the connection is closing. A refused head is answered with its status, then the connection
    /// closes.
    func parse(context: ChannelHandlerContext) {
        while !closing, waiting.count < Self.waitingLimit, var bytes = unread, bytes.readableBytes > 0 {
            if bodyLeft > 0 {
                let skipped = min(bodyLeft, bytes.readableBytes)
                bytes.moveReaderIndex(forwardBy: skipped)
                bodyLeft -= skipped
                unread = bytes
                continue
            }
            let parsed: RequestHead.Parsed?
            do {
                parsed = try bytes.withUnsafeReadableBytes { raw throws(RequestHeadError) in try RequestHead.parse(raw) }
            } catch {
                refuse(error, context: context)
                return
            }
            guard let parsed else { break }
            bytes.moveReaderIndex(forwardBy: parsed.headLength)
            bodyLeft = parsed.bodyLength
            unread = bytes
            if preparing {
                waiting.append(parsed.head)
            } else {
                handle(parsed.head, context: context)
            }
        }
        if let bytes = unread, bytes.readableBytes == 0 { unread = nil }
        updateReading(context: context)
    }

    /// Answers `head`, then the requests that queued up behind it while it was prepared.
    func handle(_ head: RequestHead, context: ChannelHandlerContext) {
        var next: RequestHead? = head
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
                    reply = .plain(.internalServerError, "\(error)\n", head: head.method == "HEAD")
                }
                self.write(reply, for: head, started: started, context: context)
                if let queued = self.waiting.popFirst() { self.handle(queued, context: context) }
                if !self.preparing { self.drained(context: context) }
            }
        }
    }

    /// Goes on once the queue has emptied: sends the refusal that waited for the answers before it, or parses the
    /// requests a full queue held back.
    func drained(context: ChannelHandlerContext) {
        if let (reply, request) = refusal {
            refusal = nil
            write(reply, for: request, started: .now, context: context)
        } else {
            parse(context: context)
        }
    }

    /// Writes `reply` (status line and headers, parts) and flushes; once it has gone out, logs it and closes the
    /// connection if it is closing and nothing else is left to send.
    func write(_ reply: NetbootReply, for request: RequestHead, started: ContinuousClock.Instant, context: ChannelHandlerContext) {
        if !request.keepsAlive {
            // `Connection: close`: this is the last response; requests pipelined after it are dropped.
            closing = true
            waiting.removeAll()
        }
        var head = context.channel.allocator.buffer(capacity: 512)
        Self.writeHead(reply, minorVersion: request.minorVersion, keepAlive: !closing, date: currentDate(), into: &head)
        // The region's handle borrows the reader's descriptor: it is handed back (not closed) once the response is
        // done, and the reply (which keeps the reader, and so the descriptor, open) lives until then.
        var handle: NIOFileHandle?
        // The last write carries `done`; with an access log, the others count what went out before a failure. Buffers
        // only and nothing to log: nothing waits for the response to go out (a close lets pending writes finish
        // first, see ``closeIfDone(context:)``), so it needs no promise.
        let done = accessLog != nil || reply.sendsFile ? context.eventLoop.makePromise(of: Void.self) : nil
        if done != nil { sending += 1 }
        let last = reply.parts.count - 1
        context.write(wrapOutboundOut(.byteBuffer(head)), promise: last < 0 ? done : nil)
        var sent: Int64 = 0
        for (index, part) in reply.parts.enumerated() {
            guard let (data, count) = Self.outbound(part, of: reply, handle: &handle) else {
                if index == last { done?.succeed() }
                continue
            }
            if index == last {
                context.write(wrapOutboundOut(data), promise: done)
            } else if accessLog != nil {
                let promise = context.eventLoop.makePromise(of: Void.self)
                context.write(wrapOutboundOut(data), promise: promise)
                promise.futureResult.assumeIsolated().whenSuccess { sent += count }
            } else {
                context.write(wrapOutboundOut(data), promise: nil)
            }
        }
        context.flush()
        guard let done else { return closeIfDone(context: context) }
        let accessLog = accessLog
        done.futureResult.assumeIsolated().whenComplete { result in
            if let handle { _ = try? handle.takeDescriptorOwnership() }
            withExtendedLifetime(reply) {}
            guard let accessLog else { return self.sent(context: context) }
            let path = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let (bytes, note) = if case .failure = result { (sent, " aborted") } else { (reply.bodyBytes, "") }
            accessLog.write(AccessLog.line(request.method, String(path), Int(reply.status.code), bytes, started, note: note))
            self.sent(context: context)
        }
    }

    /// A response has gone out (or failed): one fewer in flight, and the connection closes if it was the last.
    func sent(context: ChannelHandlerContext) {
        sending -= 1
        closeIfDone(context: context)
    }

    /// What NIO writes for `part` of `reply`, and its length: a buffer, or a region of ``NetbootReply/file`` (whose
    /// handle is made on first use, in `handle`); `nil` for a run of a reply that has no file.
    static func outbound(_ part: NetbootReply.Part, of reply: NetbootReply, handle: inout NIOFileHandle?)
        -> (IOData, Int64)?
    {
        switch part {
        case .bytes(let buffer):
            return (.byteBuffer(buffer), Int64(buffer.readableBytes))
        case .file(let run):
            guard let file = reply.file else { return nil }
            let fileHandle = handle ?? NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: file.descriptor.rawValue)
            handle = fileHandle
            let region = FileRegion(fileHandle: fileHandle, readerIndex: Int(run.offset), endIndex: Int(run.offset + run.count))
            return (.fileRegion(region), run.count)
        }
    }

    /// RFC 9112 §4, §5 — the status line and header fields of `reply`, with `Date` and the connection's fate.
    static func writeHead(
        _ reply: NetbootReply, minorVersion: Int, keepAlive: Bool, date: String, into buffer: inout ByteBuffer
    ) {
        buffer.writeStaticString(minorVersion == 0 ? "HTTP/1.0 " : "HTTP/1.1 ")
        buffer.writeString(String(reply.status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(reply.status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        if var fields = reply.renderedFields { buffer.writeBuffer(&fields) }
        NetbootReply.render(reply.headers, into: &buffer)
        buffer.writeStaticString("Date: ")
        buffer.writeString(date)
        if !keepAlive {
            buffer.writeStaticString("\r\nConnection: close")
        } else if minorVersion == 0 {
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

    /// Closes the connection once it is closing and no response is being prepared or waits, after what was written
    /// has gone out.
    func closeIfDone(context: ChannelHandlerContext) {
        guard closing, !closeStarted, !preparing, sending == 0, waiting.isEmpty, refusal == nil else { return }
        closeStarted = true
        // Closing the output waits for the writes still pending (responses written without a promise), then sends
        // FIN; the connection closes after that.
        let outputClosed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: outputClosed)
        outputClosed.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
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

    /// Answers a refused request head with its status and a line saying why, then closes the connection once that
    /// and the responses before it have gone out.
    func refuse(_ error: RequestHeadError, context: ChannelHandlerContext) {
        closing = true
        unread = nil
        let status = HTTPResponseStatus(statusCode: error.statusCode)
        let request = RequestHead(method: "-", target: "-", fields: [RequestHead.Field(name: "Connection", value: "close")])
        let reply = NetbootReply.plain(status, "\(error)\n", head: false)
        if preparing {
            // The answers to the requests before it go first; the refusal is the last thing this connection sends.
            refusal = (reply, request)
        } else {
            write(reply, for: request, started: .now, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
