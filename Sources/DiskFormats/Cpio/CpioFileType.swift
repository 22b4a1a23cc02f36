/// The file type bits (`S_IFMT`) of a cpio member's mode, cpio(5) and `<sys/stat.h>`.
///
/// Unknown values survive a round trip.
public struct CpioFileType: RawRepresentable, Hashable, Sendable {
    /// The `S_IFMT` bits, e.g. `0o040000`.
    public var rawValue: UInt32

    /// Creates a type from `S_IFMT` bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue & Self.mask }

    /// Creates the type of a full mode value.
    public init(mode: UInt32) { self.init(rawValue: mode) }

    /// The mask of the type bits in a mode.
    public static let mask: UInt32 = 0o170000
    /// A FIFO.
    public static let fifo = Self(rawValue: 0o010000)
    /// A character device.
    public static let characterDevice = Self(rawValue: 0o020000)
    /// A directory.
    public static let directory = Self(rawValue: 0o040000)
    /// A block device.
    public static let blockDevice = Self(rawValue: 0o060000)
    /// A regular file.
    public static let regular = Self(rawValue: 0o100000)
    /// A symbolic link; the member's data is the target.
    public static let symbolicLink = Self(rawValue: 0o120000)
    /// A socket.
    public static let socket = Self(rawValue: 0o140000)
}
