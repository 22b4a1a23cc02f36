/// One entry of a SquashFS image as ``SquashFSReader`` lists it.
public struct SquashFSEntry: Hashable, Sendable {
    /// The path from the image root, without a leading slash; the root itself is "".
    public var path: String
    /// `st_mode`: file type and permission bits.
    public var mode: UInt32
    /// Owner id.
    public var user: UInt32
    /// Group id.
    public var group: UInt32
    /// Size in bytes for regular files, 0 for everything else.
    public var sizeBytes: UInt64
    /// A symlink's target, `nil` for other entries.
    public var linkTarget: String?
    /// Modification time in seconds since 1970.
    public var modificationTime: UInt32
    /// The inode number (hard links share it).
    public var inodeNumber: UInt32

    /// Whether the entry is a directory.
    public var isDirectory: Bool { mode & 0o170000 == 0o040000 }
    /// Whether the entry is a regular file.
    public var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
}
