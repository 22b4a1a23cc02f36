/// RFC 9112 §2.2 — walks the lines of a request head: each ends in CRLF (a bare LF is taken too, as §2.2 allows); a
/// CR anywhere else is refused, and no line may end past ``RequestHead/sizeLimit``.
struct RequestHeadCursor {
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next line.
    private(set) var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Skips the empty lines a client may send between requests (§2.2).
    mutating func skipEmptyLines() {
        while position < bytes.count, bytes[position] == lineFeed || bytes[position] == carriageReturn {
            position += 1
        }
    }

    /// The next line without its line end, and moves past it; `nil` if the bytes end first.
    /// - Throws: ``RequestHeadError/malformed(reason:offset:)`` for a bare CR,
    ///   ``RequestHeadError/tooLarge(limit:fields:)`` for a line that ends past the size limit.
    mutating func nextLine() throws(RequestHeadError) -> Range<Int>? {
        guard let feed = bytes[position...].firstIndex(of: lineFeed) else { return nil }
        guard feed < RequestHead.sizeLimit else { throw .tooLarge(limit: RequestHead.sizeLimit, fields: RequestHead.fieldLimit) }
        let end = feed > position && bytes[feed - 1] == carriageReturn ? feed - 1 : feed
        if let bare = bytes[position..<end].firstIndex(of: carriageReturn) {
            throw .malformed(reason: "a CR not followed by LF", offset: bare)
        }
        defer { position = feed + 1 }
        return position..<end
    }

    /// The answer when the bytes end inside the head: `nil` (wait for more) while there is room left under the size
    /// limit, else the error.
    func incomplete() throws(RequestHeadError) -> RequestHead.Parsed? {
        guard bytes.count < RequestHead.sizeLimit else {
            throw .tooLarge(limit: RequestHead.sizeLimit, fields: RequestHead.fieldLimit)
        }
        return nil
    }

    private let lineFeed = UInt8(ascii: "\n")
    private let carriageReturn = UInt8(ascii: "\r")
}
