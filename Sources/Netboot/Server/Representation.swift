import NIOHTTP1

/// What the server sends for one file: its bytes (``ByteSource``), validators and media type, with the headers every
/// answer for it carries (`ETag`, `Last-Modified`, `Accept-Ranges`) formatted once.
struct Representation: Sendable {
    let source: ByteSource
    let validators: Validators
    let type: String
    /// `ETag`, `Last-Modified` and `Accept-Ranges`.
    let headers: HTTPHeaders

    init(source: ByteSource, validators: Validators, type: String) {
        self.source = source
        self.validators = validators
        self.type = type
        headers = [
            "ETag": validators.entityTag, "Last-Modified": HTTPDate.format(validators.lastModified),
            "Accept-Ranges": "bytes",
        ]
    }
}
