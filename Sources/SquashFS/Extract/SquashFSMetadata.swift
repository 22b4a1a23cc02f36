/// What an extracted SquashFS entry was in the image and the host file can't show without root: owner, group, the
/// exact mode, the device number. One row of a ``SquashFSMetadataTable``.
public struct SquashFSMetadata: Hashable, Sendable, Codable {
    /// The path from the image root, without a leading slash; the root itself is "".
    public var path: String
    /// `st_mode` in the image: file type and all permission bits.
    public var mode: UInt32
    /// Owner id.
    public var user: UInt32
    /// Group id.
    public var group: UInt32
    /// Modification time in seconds since 1970.
    public var modificationTime: UInt32
    /// Size in bytes for regular files, 0 for everything else.
    public var sizeBytes: UInt64
    /// Major device number of a character or block device.
    public var deviceMajor: UInt32?
    /// Minor device number of a character or block device.
    public var deviceMinor: UInt32?
    /// A symbolic link's target.
    public var linkTarget: String?
    /// For the second and later names of a hard-linked file, the path of the first name.
    public var hardLinkOf: String?
    /// Extended attributes, sorted by key; `nil` when there are none. They are recorded, not set on the host copy.
    public var extendedAttributes: [SquashFSExtendedAttribute]?

    /// Creates a row.
    public init(
        path: String, mode: UInt32, user: UInt32, group: UInt32, modificationTime: UInt32, sizeBytes: UInt64 = 0,
        deviceMajor: UInt32? = nil, deviceMinor: UInt32? = nil, linkTarget: String? = nil, hardLinkOf: String? = nil,
        extendedAttributes: [SquashFSExtendedAttribute]? = nil
    ) {
        self.path = path
        self.mode = mode
        self.user = user
        self.group = group
        self.modificationTime = modificationTime
        self.sizeBytes = sizeBytes
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.linkTarget = linkTarget
        self.hardLinkOf = hardLinkOf
        self.extendedAttributes = extendedAttributes
    }

    /// The file type bits of ``mode``.
    public var fileType: UInt32 { mode & 0o170000 }

    /// Whether the entry is a device node, FIFO or socket: extraction leaves an empty regular file (a placeholder)
    /// in its place, which a rebuild turns back into the entry.
    public var isSpecial: Bool { [0o020000, 0o060000, 0o010000, 0o140000].contains(fileType) }

    /// The permission bits the host copy gets: the image's, plus owner read and write for files (owner read, write
    /// and search for directories), so that an unprivileged user can edit the tree and rebuild from it.
    public var hostPermissions: UInt32 {
        let permissions = mode & 0o7777
        switch fileType {
        case 0o040000: return permissions | 0o700
        case 0o120000: return 0o777
        default: return isSpecial ? 0o600 : permissions | 0o600
        }
    }
}
