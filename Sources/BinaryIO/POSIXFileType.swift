/// The file type bits of a POSIX mode (`S_IFMT`, `<sys/stat.h>`), as Rock Ridge PX, cpio `newc` and SquashFS
/// inodes store them. Values other than the static members are kept as they are, so they survive a round trip.
public struct POSIXFileType: RawRepresentable, Hashable, Sendable {
    /// The type bits, `mode & 0o170000`.
    public var rawValue: UInt32

    /// Creates a type from its mode bits (anything outside ``mask`` is dropped).
    public init(rawValue: UInt32) { self.rawValue = rawValue & Self.mask }

    /// The type of a full mode value.
    public init(mode: UInt32) { self.init(rawValue: mode) }

    /// The mask of the type bits in a mode (`S_IFMT`).
    public static let mask: UInt32 = 0o170000
    /// A named pipe (`S_IFIFO`).
    public static let fifo = Self(rawValue: 0o010000)
    /// A character device (`S_IFCHR`).
    public static let characterDevice = Self(rawValue: 0o020000)
    /// A directory (`S_IFDIR`).
    public static let directory = Self(rawValue: 0o040000)
    /// A block device (`S_IFBLK`).
    public static let blockDevice = Self(rawValue: 0o060000)
    /// A regular file (`S_IFREG`).
    public static let regular = Self(rawValue: 0o100000)
    /// A symbolic link (`S_IFLNK`).
    public static let symbolicLink = Self(rawValue: 0o120000)
    /// A socket (`S_IFSOCK`).
    public static let socket = Self(rawValue: 0o140000)
}
