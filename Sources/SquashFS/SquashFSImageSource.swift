/// A SquashFS image to read: a file of its own, or a stretch of a larger file (a root image read straight out of an
/// ISO at its extent).
public struct SquashFSImageSource: Hashable, Sendable {
    /// The file holding the image.
    public var path: String
    /// Where the image's super block starts in the file, in bytes.
    public var offset: Int64
    /// The image's length in bytes, or `nil` for the rest of the file; reads past it fail as out of bounds.
    public var sizeBytes: Int64?

    /// A source at `offset` bytes into `path`.
    /// - Parameters:
    ///   - path: The file holding the image.
    ///   - offset: The image's first byte in the file (0 for a standalone image).
    ///   - sizeBytes: The image's length, or `nil` for the rest of the file.
    public init(path: String, offset: Int64 = 0, sizeBytes: Int64? = nil) {
        self.path = path
        self.offset = offset
        self.sizeBytes = sizeBytes
    }

    /// How errors name the source: the path, with the offset in hex when the image does not start the file.
    public var displayName: String {
        offset == 0 ? path : "\(path) (SquashFS at 0x\(String(offset, radix: 16)))"
    }
}
