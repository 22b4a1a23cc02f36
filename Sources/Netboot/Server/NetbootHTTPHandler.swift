import BinaryIO
import Foundation
import NIOCore
import NIOHTTP1

/// The netboot server's HTTP/1.1 handler, one per connection, after NIO's HTTP codec and pipelining handler.
///
/// It answers on the connection's event loop: the reply's head and in-memory parts are written as buffers, runs of an
/// open image as `FileRegion`s, which NIO sends with `sendfile` (no copy through user space, no thread hop). The
/// access log line is written once the response has gone out, or has failed (then marked `aborted`).
final class NetbootHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let responder: NetbootResponder
    /// Where access log lines go; `nil` for none.
    let accessLog: AccessLog.Sink?
    /// The head of the request whose body is being read.
    private var request: HTTPRequestHead?
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
            guard let head = request else { return }
            request = nil
            let started = ContinuousClock.now
            if let reply = responder.answerNow(head) {
                write(reply, for: head, started: started, context: context)
                return
            }
            responder.answer(head, on: context.eventLoop).assumeIsolated().whenComplete { result in
                let reply: NetbootReply
                switch result {
                case .success(let answered): reply = answered
                case .failure(let error):
                    reply = .plain(.internalServerError, "\(error)\n", head: head.method == .HEAD)
                }
                self.write(reply, for: head, started: started, context: context)
            }
        }
    }

    /// Writes `reply` (head, parts, end), then logs and, without keep-alive, closes the connection.
    func write(_ reply: NetbootReply, for request: HTTPRequestHead, started: ContinuousClock.Instant, context: ChannelHandlerContext) {
        var headers = reply.headers
        headers.add(name: "Date", value: currentDate())
        let keepAlive = request.isKeepAlive
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version.major == 1 && request.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: reply.status, headers: headers))),
            promise: nil)
        // The region's handle borrows the reader's descriptor: it is handed back (not closed) once the response is
        // done, and the reply (which keeps the reader, and so the descriptor, open) lives until then.
        var handle: NIOFileHandle?
        var sent: Int64 = 0
        for part in reply.parts {
            let promise = accessLog == nil ? nil : context.eventLoop.makePromise(of: Void.self)
            let count: Int64
            switch part {
            case .bytes(let buffer):
                count = Int64(buffer.readableBytes)
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: promise)
            case .file(let run):
                guard let file = reply.file else { continue }
                if handle == nil { handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: file.descriptor.rawValue) }
                guard let handle else { continue }
                count = run.count
                let region = FileRegion(
                    fileHandle: handle, readerIndex: Int(run.offset), endIndex: Int(run.offset + run.count))
                context.write(wrapOutboundOut(.body(.fileRegion(region))), promise: promise)
            }
            promise?.futureResult.assumeIsolated().whenSuccess { sent += count }
        }
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        let accessLog = accessLog
        done.futureResult.assumeIsolated().whenComplete { result in
            if let handle { _ = try? handle.takeDescriptorOwnership() }
            withExtendedLifetime(reply) {}
            if let accessLog {
                let path = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let note = if case .failure = result { " aborted" } else { "" }
                accessLog.write(
                    AccessLog.line(request.method.rawValue, String(path), Int(reply.status.code), sent, started, note: note))
            }
            if !keepAlive { context.close(promise: nil) }
        }
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
        context.close(promise: nil)
    }
}
