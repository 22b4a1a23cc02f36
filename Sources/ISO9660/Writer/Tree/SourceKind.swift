/// What kind of file a ``SourceNode`` is, as `lstat(2)` reports it.
///
/// Rock Ridge can record every kind (RRIP §4.1.1 PX for the type bits, §4.1.2 PN for devices, §4.1.3 SL for
/// symbolic links); plain ISO 9660 and Joliet only know directories and regular files.
public enum SourceKind: Hashable, Sendable {
    /// A regular file; its bytes are copied into the image.
    case regular
    /// A directory; its entries are ``SourceNode/children``.
    case directory
    /// A symbolic link and the text it points to, unresolved (it may be absolute or dangling).
    case symlink(target: String)
    /// A character device with its major and minor numbers.
    case characterDevice(major: UInt32, minor: UInt32)
    /// A block device with its major and minor numbers.
    case blockDevice(major: UInt32, minor: UInt32)
    /// A named pipe.
    case fifo
    /// A Unix domain socket.
    case socket
}
