/// Reads SquashFS images through libsquashfs: listings for tests and remastering, and single files.
public enum SquashFSReader {
    /// Lists every entry of `image`, the root first, parents before their children.
    /// - Parameter image: The image path.
    /// - Returns: The entries with paths relative to the root.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` naming the image if it can't be opened or decoded.
    public static func entries(of image: String) throws -> [SquashFSEntry] {
        try entries(of: SquashFSImageSource(path: image))
    }

    /// Lists every entry of an image that may start inside a larger file, the root first, parents before children.
    /// - Parameter source: The image's file, offset and length.
    /// - Returns: The entries with paths relative to the root.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` naming the source if it can't be decoded; `IOError`
    ///   if the file can't be opened.
    public static func entries(of source: SquashFSImageSource) throws -> [SquashFSEntry] {
        try ImageSession(source: source).entries()
    }

    /// Reads one regular file.
    /// - Parameters:
    ///   - path: The file's path from the image root (`etc/hostname`).
    ///   - image: The image path.
    ///   - limitBytes: The largest file to load into memory.
    /// - Returns: The file's bytes.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` if the path is missing (`SQFS_ERROR_NO_ENTRY`), is not
    ///   a file (`SQFS_ERROR_NOT_FILE`), is larger than `limitBytes` (`SQFS_ERROR_OVERFLOW`) or can't be decoded.
    public static func contents(of path: String, in image: String, limitBytes: Int = 64 << 20) throws -> [UInt8] {
        try contents(of: path, in: SquashFSImageSource(path: image), limitBytes: limitBytes)
    }

    /// Reads one regular file of an image that may start inside a larger file.
    /// - Parameters:
    ///   - path: The file's path from the image root (`etc/hostname`).
    ///   - source: The image's file, offset and length.
    ///   - limitBytes: The largest file to load into memory.
    /// - Returns: The file's bytes.
    /// - Throws: As ``contents(of:in:limitBytes:)-(String,String,Int)``; `IOError` if the file can't be opened.
    public static func contents(
        of path: String, in source: SquashFSImageSource, limitBytes: Int = 64 << 20
    ) throws -> [UInt8] {
        try ImageSession(source: source).readFile(path, limitBytes: limitBytes)
    }

    /// The compressor and data block size an image was written with.
    /// - Parameter source: The image.
    /// - Returns: The compressor (`nil` for one isokit can't write: LZMA, LZO) and the block size in bytes.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` for a bad super block.
    public static func format(of source: SquashFSImageSource) throws -> (compressor: SquashFSCompressor?, blockSizeBytes: Int) {
        let format = try ImageSession(source: source).format
        let compressor = SquashFSCompressor.allCases.first { $0.libraryID.rawValue == UInt32(format.compressionID) }
        return (compressor, format.blockSizeBytes)
    }
}
