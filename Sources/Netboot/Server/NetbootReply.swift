import BinaryIO
import NIOCore
import NIOHTTP1

/// One response of the netboot server before it is written: status, headers, and the body as parts (bytes in memory,
/// or runs of one open host file that ``NetbootHTTPHandler`` sends with `sendfile`).
struct NetbootReply: Sendable {
    /// A piece of the body.
    enum Part: Sendable {
        /// Bytes in memory (generated documents, multipart heads, cached small files).
        case bytes(ByteBuffer)
        /// A run of ``NetbootReply/file``.
        case file(ByteSource.Run)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    /// The body, in order; empty for HEAD (whose headers still carry the length a GET would have).
    var parts: [Part] = []
    /// The file the `.file` parts are runs of; the reply keeps it open until the response has been written.
    var file: ImageReader?
    /// Header lines rendered ahead (each ending in CRLF), sent before ``headers``: the fields of a reply made once
    /// for many requests.
    var renderedFields: ByteBuffer?

    /// RFC 9112 §5 — `headers` as header lines, each `NAME: VALUE` and CRLF.
    static func render(_ headers: HTTPHeaders, into buffer: inout ByteBuffer) {
        for (name, value) in headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
    }

    /// Whether some part is a run of ``file`` (sent with `sendfile`).
    var sendsFile: Bool {
        parts.contains { if case .file = $0 { true } else { false } }
    }

    /// The number of body bytes the parts hold.
    var bodyBytes: Int64 {
        parts.reduce(0) { total, part in
            switch part {
            case .bytes(let buffer): total + Int64(buffer.readableBytes)
            case .file(let run): total + run.count
            }
        }
    }

    /// A generated text (the menu, the catalog), never cached by clients.
    static func generated(_ text: String, type: String, head: Bool) -> NetbootReply {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        return NetbootReply(status: .ok, headers: headers, parts: head ? [] : [.bytes(ByteBuffer(string: text))])
    }

    /// A short plain-text answer (errors).
    static func plain(_ status: HTTPResponseStatus, _ text: String, head: Bool) -> NetbootReply {
        var reply = generated(text, type: "text/plain; charset=utf-8", head: head)
        reply.status = status
        return reply
    }
}
