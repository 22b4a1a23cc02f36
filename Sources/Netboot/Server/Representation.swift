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
    /// ``headers`` with the `Content-Type` and `Content-Length` of the whole representation.
    let wholeHeaders: HTTPHeaders
    /// ``wholeHeaders`` as header lines, ready to send.
    let wholeFields: ByteBuffer
    /// The body parts of the whole representation.
    let wholeParts: [NetbootReply.Part]

    init(source: ByteSource, validators: Validators, type: String) {
        self.source = source
        self.validators = validators
        self.type = type
        headers = [
            "ETag": validators.entityTag, "Last-Modified": HTTPDate.format(validators.lastModified),
            "Accept-Ranges": "bytes",
        ]
        var whole = headers
        whole.add(name: "Content-Type", value: type)
        whole.add(name: "Content-Length", value: String(source.size))
        wholeHeaders = whole
        var fields = ByteBuffer()
        NetbootReply.render(whole, into: &fields)
        wholeFields = fields
        wholeParts = source.wholeParts
    }
}
