/// Why a request head was refused; each case has the status the server answers with before closing the connection.
public enum RequestHeadError: Error, Hashable, Sendable {
    /// 400: the head breaks RFC 9112's syntax (`offset` counts from the start of the bytes read for it).
    case malformed(reason: String, offset: Int)
    /// 431: the head is longer than `limit` bytes or has more than `fields` fields.
    case tooLarge(limit: Int, fields: Int)
    /// 505: not HTTP/1.x.
    case unsupportedVersion(major: Int, minor: Int)
    /// 501: a `Transfer-Encoding` (the server takes no chunked bodies).
    case transferCoding(String)

    /// The status code of the answer.
    public var statusCode: Int {
        switch self {
        case .malformed: 400
        case .tooLarge: 431
        case .unsupportedVersion: 505
        case .transferCoding: 501
        }
    }
}

extension RequestHeadError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .malformed(reason, offset): "bad request: \(reason) (byte \(offset) of the request)"
        case let .tooLarge(limit, fields): "request head too large: at most \(limit) bytes and \(fields) header fields"
        case let .unsupportedVersion(major, minor): "HTTP/\(major).\(minor) is not supported: this server speaks HTTP/1.1"
        case let .transferCoding(coding): "Transfer-Encoding \(coding): request bodies must come with Content-Length"
        }
    }
}
