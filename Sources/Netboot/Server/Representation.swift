import NIOCore
import NIOHTTP1

/// What the server sends for one file: its bytes (``ByteSource``), validators and media type, with the headers every
/// answer for it carries (`ETag`, `Last-Modified`, `Accept-Ranges`) formatted once, and the headers and body parts
/// of a plain 200 made once too (a repeated request for the whole file is most of a netboot server's work). A class,
/// so the representation cache hands it out with one reference count.
final class Representation: Sendable {
    let source: ByteSource
    let validators: Validators
    let type: String
    /// `ETag`, `Last-Modified` and `Accept-Ranges`.
    let headers: HTTPHeaders
    /// The 200 for a GET without preconditions or `Range`: all of it, with header lines made once.
    let whole: NetbootReply
    /// ``whole`` for HEAD: the same headers, no body.
    let wholeHead: NetbootReply

    init(source: ByteSource, validators: Validators, type: String) {
        self.source = source
        self.validators = validators
        self.type = type
        headers = [
            "ETag": validators.entityTag, "Last-Modified": HTTPDate.format(validators.lastModified),
            "Accept-Ranges": "bytes",
        ]
        var wholeHeaders = headers
        wholeHeaders.add(name: "Content-Type", value: type)
        wholeHeaders.add(name: "Content-Length", value: String(source.size))
        var fields = ByteBuffer()
        NetbootReply.render(wholeHeaders, into: &fields)
        wholeHead = NetbootReply(status: .ok, headers: [:], renderedFields: fields)
        whole = NetbootReply(status: .ok, headers: [:], parts: source.wholeParts, file: source.reader, renderedFields: fields)
    }
}
