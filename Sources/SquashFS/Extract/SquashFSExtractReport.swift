/// What ``SquashFSExtractor/extract(image:to:observer:)`` wrote, and what a rebuild needs to make the same kind of
/// image again.
public struct SquashFSExtractReport: Hashable, Sendable, Codable {
    /// Regular files written (hard links not counted).
    public var files = 0
    /// Directories created, the target included.
    public var directories = 0
    /// Symbolic links created.
    public var symlinks = 0
    /// Extra names of hard-linked files.
    public var hardLinks = 0
    /// Device nodes, FIFOs and sockets, each left as an empty placeholder file and described in ``metadata``.
    public var specialFiles = 0
    /// Bytes of file data written.
    public var bytes: Int64 = 0
    /// The image's compressor, `nil` if isokit can't write it (lzo, lzma).
    public var compressor: SquashFSCompressor?
    /// The super block's compressor id (SquashFS 4.0: 1 gzip, 2 lzma, 3 lzo, 4 xz, 5 lz4, 6 zstd).
    public var compressorID: UInt16 = 0
    /// The image's data block size in bytes.
    public var blockSizeBytes = 0
    /// Every entry's owner, mode, time and device number as the image has them.
    public var metadata = SquashFSMetadataTable(entries: [])

    /// An empty report.
    public init() {}
}

extension SquashFSCompressor: Codable {}
