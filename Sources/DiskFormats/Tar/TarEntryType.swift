/// The `typeflag` byte of a tar header (POSIX.1-2017 pax, "ustar Interchange Format", plus the GNU and pax
/// extension types). Values other than the static members are kept, so a header survives a round trip.
public struct TarEntryType: RawRepresentable, Hashable, Sendable {
    /// The typeflag byte.
    public var rawValue: UInt8

    /// Creates a type from its typeflag byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A regular file (`'0'`).
    public static let regular = Self(rawValue: 0x30)
    /// A regular file in pre-POSIX archives (NUL).
    public static let regularOld = Self(rawValue: 0)
    /// A hard link to an earlier member (`'1'`); the link name is the target.
    public static let hardLink = Self(rawValue: 0x31)
    /// A symbolic link (`'2'`); the link name is the target.
    public static let symbolicLink = Self(rawValue: 0x32)
    /// A character device (`'3'`).
    public static let characterDevice = Self(rawValue: 0x33)
    /// A block device (`'4'`).
    public static let blockDevice = Self(rawValue: 0x34)
    /// A directory (`'5'`).
    public static let directory = Self(rawValue: 0x35)
    /// A FIFO (`'6'`).
    public static let fifo = Self(rawValue: 0x36)
    /// A contiguous file (`'7'`), read as a regular file.
    public static let contiguous = Self(rawValue: 0x37)
    /// A pax extended header for the next member (`'x'`).
    public static let paxExtended = Self(rawValue: 0x78)
    /// A pax global extended header (`'g'`), for all following members.
    public static let paxGlobal = Self(rawValue: 0x67)
    /// A GNU long name (`'L'`): the data is the next member's path.
    public static let gnuLongName = Self(rawValue: 0x4C)
    /// A GNU long link name (`'K'`): the data is the next member's link target.
    public static let gnuLongLink = Self(rawValue: 0x4B)
    /// A GNU directory listing for incremental dumps (`'D'`), read as a directory.
    public static let gnuDumpDirectory = Self(rawValue: 0x44)
    /// A GNU sparse file (`'S'`); not supported.
    public static let gnuSparse = Self(rawValue: 0x53)
    /// A GNU volume label (`'V'`), skipped.
    public static let gnuVolumeLabel = Self(rawValue: 0x56)

    /// The typeflag as printable text (`'5'`), or its value in hex.
    public var display: String {
        (0x21...0x7E).contains(rawValue) ? "'\(Character(Unicode.Scalar(rawValue)))'" : "0x\(String(rawValue, radix: 16))"
    }
}
