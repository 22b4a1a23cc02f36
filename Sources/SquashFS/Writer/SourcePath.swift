/// A source path as raw bytes for system calls (names need not be UTF-8) and as text for messages.
struct SourcePath {
    /// The path's bytes with a terminating NUL, passed to `lstat`, `open` and friends.
    var bytes: [CChar]

    init(_ text: String) { bytes = Array(text.utf8CString) }

    private init(bytes: [CChar]) { self.bytes = bytes }

    /// The path with `/name` appended.
    func appending(_ name: [UInt8]) -> SourcePath {
        SourcePath(bytes: bytes.dropLast() + [0x2F] + name.map { CChar(bitPattern: $0) } + [0])
    }

    /// The path for messages (invalid UTF-8 shown as U+FFFD).
    var display: String { String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) }
}
