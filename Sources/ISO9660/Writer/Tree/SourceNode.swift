/// One file or directory of the tree to write, as read from the host with `lstat(2)`.
///
/// Nodes are plain values: the writer plans from them and opens ``hostPath`` only to copy file data. A node made in
/// code (a boot catalog, a generated config) has an empty ``hostPath``.
public struct SourceNode: Hashable, Sendable {
    /// The host name of the entry (valid UTF-8, never empty except for the root, never containing `/`).
    public var name: String
    /// The absolute host path the node was read from, or `""` for a node made in code.
    public var hostPath: String
    /// Where a regular file's data starts in ``hostPath``: 0 for a host file, the extent's byte offset for a file
    /// taken straight out of another image.
    public var hostOffset: Int64 = 0
    /// What kind of file this is.
    public var kind: SourceKind
    /// The full `st_mode`: file type bits and permissions.
    public var mode: UInt32
    /// The owner's user id.
    public var uid: UInt32
    /// The owner's group id.
    public var gid: UInt32
    /// The file's length in bytes for regular files; 0 for every other kind.
    public var size: Int64
    /// `st_mtime` in seconds since 1970-01-01 UTC.
    public var modificationTime: Int64
    /// `st_atime` in seconds since 1970-01-01 UTC.
    public var accessTime: Int64
    /// `st_ctime` in seconds since 1970-01-01 UTC.
    public var changeTime: Int64
    /// The (device, inode) pair of a regular file with more than one link; `nil` otherwise.
    public var hardLinkKey: HardLinkKey?
    /// The entries of a directory, sorted by ``name`` bytes (UTF-8; see ``nameOrder(_:_:)``); empty for every other
    /// kind. ``init(name:hostPath:kind:mode:uid:gid:size:modificationTime:accessTime:changeTime:hardLinkKey:children:)``
    /// and the scanner sort them; code that assigns this property keeps that order.
    public var children: [SourceNode]

    /// Creates a node; the defaults describe an empty regular file owned by root, dated 1970-01-01.
    /// - Parameters:
    ///   - name: The host name; see ``name``.
    ///   - hostPath: Where to read the file data from, or `""` for a node made in code.
    ///   - kind: The kind of file.
    ///   - mode: The full `st_mode`; pass type bits matching `kind`.
    ///   - children: A directory's entries; they are sorted by name bytes here.
    public init(
        name: String, hostPath: String = "", kind: SourceKind = .regular, mode: UInt32 = 0o100644,
        uid: UInt32 = 0, gid: UInt32 = 0, size: Int64 = 0,
        modificationTime: Int64 = 0, accessTime: Int64 = 0, changeTime: Int64 = 0,
        hardLinkKey: HardLinkKey? = nil, children: [SourceNode] = []
    ) {
        self.name = name
        self.hostPath = hostPath
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.modificationTime = modificationTime
        self.accessTime = accessTime
        self.changeTime = changeTime
        self.hardLinkKey = hardLinkKey
        self.children = children.sorted(by: SourceNode.nameOrder)
    }

    /// Whether the node is a directory.
    public var isDirectory: Bool { kind == .directory }

    /// The order of ``children``: ascending by the UTF-8 bytes of ``name``, so it does not depend on the locale or
    /// on Unicode normalisation.
    public static func nameOrder(_ lhs: SourceNode, _ rhs: SourceNode) -> Bool {
        lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }

    /// The child whose name has exactly the UTF-8 bytes of `name`, if any (no Unicode normalisation: host names
    /// "é" precomposed and decomposed are different files).
    public func child(named name: String) -> SourceNode? {
        children.first { $0.name.utf8.elementsEqual(name.utf8) }
    }

    /// The node at `path` (names from this node down), or `nil` if there is none. The empty path is this node.
    public func descendant(at path: some Collection<String>) -> SourceNode? {
        guard let first = path.first else { return self }
        return child(named: first)?.descendant(at: path.dropFirst())
    }
}
