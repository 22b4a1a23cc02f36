/// One satisfiable byte range of a representation: `count` bytes from `start`.
public struct ByteRange: Hashable, Sendable {
    /// The first byte's offset.
    public var start: Int64
    /// How many bytes (at least 1).
    public var count: Int64

    /// Creates a range.
    public init(start: Int64, count: Int64) {
        self.start = start
        self.count = count
    }

    /// The last byte's offset.
    public var last: Int64 { start + count - 1 }

    /// The `Content-Range` value for this range of a `size`-byte representation: `bytes START-LAST/SIZE`.
    public func contentRange(size: Int64) -> String { "bytes \(start)-\(last)/\(size)" }
}
