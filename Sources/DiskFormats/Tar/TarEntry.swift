import BinaryIO

/// One member of a tar archive as ``TarArchiveReader`` yields it: the header with GNU long names and pax
/// extended headers applied, its path made safe, and where its data lies (the data itself is not read).
public struct TarEntry: Hashable, Sendable {
    /// What a member is.
    public enum Kind: Hashable, Sendable {
        /// A regular file (typeflag `'0'`, NUL or `'7'`).
        case regular
        /// A hard link to an earlier member (``TarEntry/linkTarget`` is its normalised path).
        case hardLink
        /// A symbolic link (``TarEntry/linkTarget`` is its target as stored).
        case symbolicLink
        /// A character device.
        case characterDevice
        /// A block device.
        case blockDevice
        /// A directory.
        case directory
        /// A FIFO.
        case fifo
    }

    /// One extended attribute from a `SCHILY.xattr.` or `LIBARCHIVE.xattr.` pax record.
    public struct ExtendedAttribute: Hashable, Sendable {
        /// The attribute name, e.g. `security.capability`.
        public var name: [UInt8]
        /// The value bytes.
        public var value: [UInt8]

        /// Creates an attribute.
        public init(name: [UInt8], value: [UInt8]) {
            self.name = name
            self.value = value
        }
    }

    /// The normalised path bytes: relative, without `.`/empty components or a trailing slash; empty for the root.
    public var pathBytes: [UInt8]
    /// The kind of member.
    public var kind: Kind
    /// Permission bits (`mode & 0o7777`).
    public var permissions: UInt32
    /// Owner user ID.
    public var uid: UInt32
    /// Owner group ID.
    public var gid: UInt32
    /// Modification time, whole seconds since 1970-01-01 UTC.
    public var modificationTime: Int64
    /// Bytes of data stored after the header (a regular file's size).
    public var size: Int64
    /// The absolute offset of the member's header (its first extension header, if any) in the archive.
    public var headerOffset: Int64
    /// The absolute offset of the member's data in the archive.
    public var dataOffset: Int64
    /// A symlink's target or a hard link's normalised target path (empty otherwise).
    public var linkTarget: [UInt8]
    /// Major device number (devices only).
    public var deviceMajor: UInt32
    /// Minor device number (devices only).
    public var deviceMinor: UInt32
    /// Extended attributes in archive order.
    public var extendedAttributes: [ExtendedAttribute]

    /// Creates an entry (the reader makes them from headers; this is for callers that synthesise members).
    /// - Parameters: One for each property; see their documentation.
    public init(
        pathBytes: [UInt8], kind: Kind, permissions: UInt32, uid: UInt32, gid: UInt32, modificationTime: Int64,
        size: Int64 = 0, headerOffset: Int64 = 0, dataOffset: Int64 = 0, linkTarget: [UInt8] = [],
        deviceMajor: UInt32 = 0, deviceMinor: UInt32 = 0, extendedAttributes: [ExtendedAttribute] = []
    ) {
        self.pathBytes = pathBytes
        self.kind = kind
        self.permissions = permissions
        self.uid = uid
        self.gid = gid
        self.modificationTime = modificationTime
        self.size = size
        self.headerOffset = headerOffset
        self.dataOffset = dataOffset
        self.linkTarget = linkTarget
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.extendedAttributes = extendedAttributes
    }

    /// The path as text (invalid UTF-8 shown as U+FFFD).
    public var path: String { String(decoding: pathBytes, as: UTF8.self) }
    /// The link target as text.
    public var linkTargetText: String { String(decoding: linkTarget, as: UTF8.self) }
}
