/// Bytes to write at an offset of the target after the image: a changed partition table, a moved backup GPT.
public struct DiskPatch: Hashable, Sendable {
    /// Absolute byte offset in the target.
    public var offset: Int64
    /// The bytes.
    public var bytes: [UInt8]

    /// Creates a patch.
    public init(offset: Int64, bytes: [UInt8]) {
        self.offset = offset
        self.bytes = bytes
    }

    /// The byte range it covers.
    public var range: Range<Int64> { offset..<offset + Int64(bytes.count) }
}
