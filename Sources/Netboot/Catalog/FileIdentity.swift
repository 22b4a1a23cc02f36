import SystemPackage

/// What identifies one version of a host file: device, inode, size and modification time. A file replaced by
/// rename (or rewritten) gets a new identity, so an image opened for one identity is never read for another.
public struct FileIdentity: Hashable, Sendable, Codable {
    /// The device and inode numbers.
    public var device: UInt64
    /// The inode number.
    public var inode: UInt64
    /// The size in bytes.
    public var size: Int64
    /// The modification time in nanoseconds since the Unix epoch.
    public var modificationNanoseconds: Int64

    /// The modification time in whole seconds.
    public var modificationSeconds: Int64 { modificationNanoseconds / 1_000_000_000 }

    /// Creates an identity.
    public init(device: UInt64, inode: UInt64, size: Int64, modificationNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
    }

    /// The identity of the file at `path` (following symbolic links), or `nil` if it is missing or not a regular
    /// file or directory.
    public static func of(_ path: String) -> FileIdentity? {
        of(FilePath(path))
    }

    /// The identity of the file at `path` (following symbolic links), or `nil` if it is missing or not a regular
    /// file or directory.
    public static func of(_ path: FilePath) -> FileIdentity? {
        guard let stat = try? Stat(path), stat.type == .regular || stat.type == .directory else { return nil }
        let time = stat.st_mtim
        return FileIdentity(
            device: UInt64(stat.deviceID.rawValue), inode: UInt64(stat.inode.rawValue), size: stat.size,
            modificationNanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }

    /// The identity of an open file.
    public static func of(descriptor: FileDescriptor) -> FileIdentity? {
        guard let stat = try? Stat(descriptor) else { return nil }
        let time = stat.st_mtim
        return FileIdentity(
            device: UInt64(stat.deviceID.rawValue), inode: UInt64(stat.inode.rawValue), size: stat.size,
            modificationNanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }
}
