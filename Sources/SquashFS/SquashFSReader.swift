/// Reads SquashFS images through libsquashfs: listings for tests and remastering, and single files.
public enum SquashFSReader {
    /// Lists every entry of `image`, the root first, parents before their children.
    /// - Parameter image: The image path.
    /// - Returns: The entries with paths relative to the root.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` naming the image if it can't be opened or decoded.
    public static func entries(of image: String) throws -> [SquashFSEntry] {
        try ImageSession(path: image).entries()
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
        try ImageSession(path: image).readFile(path, limitBytes: limitBytes)
    }
}
