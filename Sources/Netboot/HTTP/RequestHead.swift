/// RFC 9112 §2.2, §3, §5 — the head of one HTTP/1.x request: its request line and header fields.
///
/// The netboot server reads requests with this parser rather than a general HTTP codec: it takes a head straight from
/// the socket's bytes, keeps every field as sent (for the conditional and range headers), and refuses what RFC 9112
/// tells a server to refuse (whitespace before a colon, folded lines, bare CR, a missing or repeated `Host` in
/// HTTP/1.1, conflicting `Content-Length`s). Request bodies are skipped by their `Content-Length`; a chunked body is
/// refused.
public struct RequestHead: Hashable, Sendable {
    /// One header field as sent: the name in its own case, the value without surrounding blanks.
    public struct Field: Hashable, Sendable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The method token, case-sensitive (`GET`, `HEAD`, …).
    public var method: String
    /// The request target as sent (origin form: the path and query, still percent-encoded).
    public var target: String
    /// The `x` of `HTTP/1.x` (0 or 1).
    public var minorVersion: Int
    /// The header fields in order.
    public var fields: [Field]

    /// The most bytes a head may take, from the request line to the empty line.
    public static let sizeLimit = 16 << 10
    /// The most header fields a request may carry.
    public static let fieldLimit = 100

    /// Creates a head.
    public init(method: String, target: String, minorVersion: Int = 1, fields: [Field] = []) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.fields = fields
    }

    /// The value of the first field called `name` (compared without regard to case), `nil` if there is none.
    public func field(_ name: String) -> String? {
        fields.first { Self.equalIgnoringCase($0.name, name) }?.value
    }

    /// RFC 9112 §9.3 — whether the connection stays open after the response: HTTP/1.1 unless `Connection` names
    /// `close`, HTTP/1.0 only if it names `keep-alive`.
    public var keepsAlive: Bool {
        let wanted = minorVersion >= 1 ? "close" : "keep-alive"
        for field in fields where Self.equalIgnoringCase(field.name, "Connection") {
            for option in field.value.split(separator: ",") where Self.equalIgnoringCase(option.trimmingBlanks(), wanted) {
                return minorVersion == 0
            }
        }
        return minorVersion >= 1
    }

    /// Whether the request has no preconditions (`If-…`) and no `Range`, so the whole representation is the answer.
    public var isUnconditional: Bool {
        !fields.contains { field in
            field.name.utf8.count >= 3 && Self.equalIgnoringCase(field.name.prefix(3), "if-")
                || Self.equalIgnoringCase(field.name, "Range")
        }
    }

    /// The request line and fields as HTTP/1.x bytes, ending with the empty line.
    public func encode() -> [UInt8] {
        var text = "\(method) \(target) HTTP/1.\(minorVersion)\r\n"
        for field in fields { text += "\(field.name): \(field.value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// Reads one head from the start of `bytes` (empty lines before it are skipped, §2.2).
    /// - Returns: The head, the bytes it took and the length of the body that follows; `nil` if `bytes` ends before
    ///   the head does (read more and call again).
    /// - Throws: ``RequestHeadError`` with the offset in `bytes` of what is wrong.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(RequestHeadError) -> Parsed? {
        do {
            return try bytes.withUnsafeBytes { raw in try parse(raw) }
        } catch let error as RequestHeadError {
            throw error
        } catch {
            preconditionFailure("parse(_:) throws only RequestHeadError")
        }
    }

    /// What ``parse(_:)`` read.
    public struct Parsed: Hashable, Sendable {
        /// The head.
        public var head: RequestHead
        /// The bytes the head took, with the empty lines before it.
        public var headLength: Int
        /// The length of the body after it (`Content-Length`, else 0).
        public var bodyLength: Int
    }

    /// ``parse(_:)`` on raw bytes (the server reads straight from the socket's buffer).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(RequestHeadError) -> Parsed? {
        var cursor = RequestHeadCursor(bytes: bytes)
        cursor.skipEmptyLines()
        guard let requestLine = try cursor.nextLine() else { return try cursor.incomplete() }
        var head = try Self.requestLine(requestLine, in: bytes)
        var bodyLength: Int?
        var hosts = 0
        while true {
            guard let line = try cursor.nextLine() else { return try cursor.incomplete() }
            if line.isEmpty { break }
            guard head.fields.count < fieldLimit else { throw .tooLarge(limit: sizeLimit, fields: fieldLimit) }
            let field = try Self.field(line, in: bytes)
            if equalIgnoringCase(field.name, "Host") { hosts += 1 }
            if equalIgnoringCase(field.name, "Transfer-Encoding") { throw .transferCoding(field.value) }
            if equalIgnoringCase(field.name, "Content-Length") {
                let length = try Self.contentLength(field.value, at: line.lowerBound)
                guard bodyLength == nil || bodyLength == length else {
                    throw .malformed(reason: "two different Content-Length values", offset: line.lowerBound)
                }
                bodyLength = length
            }
            head.fields.append(field)
        }
        // §3.2: an HTTP/1.1 request carries exactly one Host; HTTP/1.0 at most one.
        guard hosts <= 1, hosts == 1 || head.minorVersion == 0 else {
            throw .malformed(reason: hosts == 0 ? "no Host header" : "more than one Host header", offset: requestLine.lowerBound)
        }
        return Parsed(head: head, headLength: cursor.position, bodyLength: bodyLength ?? 0)
    }

    /// §3 — `method SP request-target SP HTTP-version`.
    static func requestLine(_ line: Range<Int>, in bytes: UnsafeRawBufferPointer) throws(RequestHeadError) -> RequestHead {
        guard let firstSpace = bytes[line].firstIndex(of: space), firstSpace > line.lowerBound else {
            throw .malformed(reason: "no method in the request line", offset: line.lowerBound)
        }
        let method = line.lowerBound..<firstSpace
        if let bad = bytes[method].firstIndex(where: { !isTokenByte($0) }) {
            throw .malformed(reason: "a method holds a character that is not allowed", offset: bad)
        }
        let targetStart = firstSpace + 1
        guard let secondSpace = bytes[targetStart..<line.upperBound].firstIndex(of: space), secondSpace > targetStart else {
            throw .malformed(reason: "no request target in the request line", offset: targetStart)
        }
        let target = targetStart..<secondSpace
        if let bad = bytes[target].firstIndex(where: { $0 <= space || $0 >= 0x7F }) {
            throw .malformed(reason: "the request target holds a space, control or non-ASCII byte", offset: bad)
        }
        let version = secondSpace + 1..<line.upperBound
        let prefix = Array("HTTP/".utf8)
        guard version.count == 8, bytes[version].prefix(5).elementsEqual(prefix),
            bytes[version.lowerBound + 6] == UInt8(ascii: "."),
            let major = digit(bytes[version.lowerBound + 5]), let minor = digit(bytes[version.lowerBound + 7])
        else { throw .malformed(reason: "the request line does not end in HTTP/x.y", offset: version.lowerBound) }
        guard major == 1 else { throw .unsupportedVersion(major: major, minor: minor) }
        return RequestHead(
            method: string(bytes[method]), target: string(bytes[target]), minorVersion: min(minor, 1), fields: [])
    }

    /// §5.1, §5.5 — `field-name ":" OWS field-value OWS`.
    static func field(_ line: Range<Int>, in bytes: UnsafeRawBufferPointer) throws(RequestHeadError) -> Field {
        guard bytes[line.lowerBound] != space && bytes[line.lowerBound] != tab else {
            throw .malformed(reason: "a folded header line (obsolete line folding)", offset: line.lowerBound)
        }
        guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else {
            throw .malformed(reason: "a header line without a name and colon", offset: line.lowerBound)
        }
        if let bad = bytes[line.lowerBound..<colon].firstIndex(where: { !isTokenByte($0) }) {
            throw .malformed(reason: "a header name holds a character that is not allowed", offset: bad)
        }
        var start = colon + 1
        var end = line.upperBound
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        if let bad = bytes[start..<end].firstIndex(where: { ($0 < space && $0 != tab) || $0 == 0x7F }) {
            throw .malformed(reason: "a header value holds a control character", offset: bad)
        }
        return Field(name: string(bytes[line.lowerBound..<colon]), value: string(bytes[start..<end]))
    }

    /// §6.3 — a `Content-Length` value: decimal digits only.
    static func contentLength(_ value: String, at offset: Int) throws(RequestHeadError) -> Int {
        guard !value.isEmpty, value.utf8.allSatisfy({ digit($0) != nil }), let length = Int(value) else {
            throw .malformed(reason: "Content-Length is not a number", offset: offset)
        }
        return length
    }

    /// Whether two ASCII names are equal without regard to case (header names are ASCII tokens).
    static func equalIgnoringCase(_ left: some StringProtocol, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count && zip(left.utf8, right.utf8).allSatisfy { lowercased($0) == lowercased($1) }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// §5.6.2 — tchar: a visible ASCII character other than the delimiters `"(),/:;<=>?@[\]{}`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
            UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            false
        default: byte > space && byte < 0x7F
        }
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    static func string(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}
