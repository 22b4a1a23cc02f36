import BinaryIO

/// What kind of file an entry in an image is.
public enum EntryKind: String, Hashable, Sendable, Codable, CaseIterable {
    case regular, directory, symlink, characterDevice, blockDevice, fifo, socket

    /// The kind a POSIX `st_mode` names; `nil` for an unknown type.
    public init?(mode: UInt32) {
        guard let kind = Self.allCases.first(where: { $0.modeBits == mode & 0o170000 }) else { return nil }
        self = kind
    }

    /// The `st_mode` type bits of this kind.
    public var modeBits: UInt32 { fileType.rawValue }

    /// The POSIX file type of this kind.
    public var fileType: POSIXFileType {
        switch self {
        case .regular: .regular
        case .directory: .directory
        case .symlink: .symbolicLink
        case .characterDevice: .characterDevice
        case .blockDevice: .blockDevice
        case .fifo: .fifo
        case .socket: .socket
        }
    }
}

/// One contiguous run of a file's data in the image (ECMA-119 §6.5.1: a file may have several).
public struct Extent: Hashable, Sendable, Codable {
    /// First logical block (2048 bytes).
    public var lba: UInt32
    /// Length in bytes.
    public var length: UInt32

    /// Creates an extent.
    public init(lba: UInt32, length: UInt32) {
        self.lba = lba
        self.length = length
    }

    /// The absolute byte offset of the extent.
    public var byteOffset: Int64 { Int64(lba) * 2048 }
}

/// A device number from Rock Ridge PN.
public struct DeviceID: Hashable, Sendable, Codable {
    /// Major number.
    public var major: UInt32
    /// Minor number.
    public var minor: UInt32

    /// Creates a device number.
    public init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }
}

/// A file or directory found in an image, with everything the directory records and Rock Ridge say about it.
public struct ISOEntry: Hashable, Sendable, Codable {
    /// The entry's name in the chosen namespace (Rock Ridge, Joliet or plain ISO 9660).
    public var name: String
    /// The absolute path inside the image, `/` for the root.
    public var path: String
    /// What kind of file it is.
    public var kind: EntryKind
    /// The file's size in bytes (the sum of its extents).
    public var size: Int64
    /// Where its data lies; for a directory, its own directory extent.
    public var extents: [Extent]
    /// POSIX mode including type bits (Rock Ridge PX, else a default of 0555 for directories and 0444 for files).
    public var mode: UInt32
    /// Owner (Rock Ridge PX), `nil` without Rock Ridge.
    public var uid: UInt32?
    /// Group (Rock Ridge PX), `nil` without Rock Ridge.
    public var gid: UInt32?
    /// Link count (Rock Ridge PX).
    public var links: UInt32?
    /// Serial number (Rock Ridge 1.12 PX), shared by hard links.
    public var serial: UInt32?
    /// Modification time in Unix seconds (Rock Ridge TF, else the directory record date).
    public var modificationTime: Int64?
    /// Access time (Rock Ridge TF).
    public var accessTime: Int64?
    /// Attribute change time (Rock Ridge TF).
    public var changeTime: Int64?
    /// Symbolic link target (Rock Ridge SL).
    public var symlinkTarget: String?
    /// Device number (Rock Ridge PN).
    public var device: DeviceID?
    /// Absolute offset of the entry's (first) directory record.
    public var recordOffset: Int64
    /// The hidden flag of the directory record (§9.1.6 bit 0).
    public var hidden: Bool

    /// The permission bits (mode without type bits).
    public var permissions: UInt32 { mode & 0o7777 }
}
