/// One node of the tree being written, flattened into ``WriterTree/nodes`` and addressed by index.
struct WriterNode: Sendable {
    /// The host file, without its children (they are ``children`` here).
    var source: SourceNode
    /// Path inside the image, `/` for the root.
    var path: String
    /// Parent in the ISO 9660 tree (after relocation); the root is its own parent.
    var parent: Int
    /// Parent in the original tree (differs only for relocated directories).
    var originalParent: Int
    /// Records of the ISO 9660 directory, in §9.3 order (directories only).
    var children: [ChildRecord] = []
    /// Children in the Joliet tree, in Joliet identifier order (directories only).
    var jolietChildren: [Int] = []
    /// The ISO 9660 file identifier (`NAME.EXT;1` or `DIR`).
    var isoIdentifier: [UInt8] = []
    /// The identifier of a relocated directory inside the relocation directory.
    var relocatedIdentifier: [UInt8] = []
    /// The Joliet file identifier, UCS-2 big-endian.
    var jolietIdentifier: [UInt8] = []
    /// True for a directory moved under the relocation directory (RRIP §4.1.5).
    var isRelocated = false
    /// Rock Ridge serial number (shared by hard links).
    var serial: UInt32 = 0
    /// Rock Ridge link count.
    var links: UInt32 = 1
    /// ISO 9660 directory extent (directories) or first data block (files).
    var lba: UInt32 = 0
    /// Bytes of the ISO 9660 directory extent (directories).
    var directorySize: UInt32 = 0
    /// Blocks of continuation areas written right after the directory extent (directories).
    var continuationBlocks: UInt32 = 0
    /// Joliet directory extent and size (directories).
    var jolietLBA: UInt32 = 0
    var jolietDirectorySize: UInt32 = 0

    var isDirectory: Bool { source.isDirectory }

    /// The identifier of this node's record in its ISO 9660 parent (after relocation).
    var identifierInISOParent: [UInt8] { isRelocated ? relocatedIdentifier : isoIdentifier }
}

/// A record in an ISO 9660 directory: a node, or the CL placeholder left where a relocated directory was.
enum ChildRecord: Hashable, Sendable {
    case node(Int)
    case childLink(Int)

    var index: Int {
        switch self {
        case let .node(index), let .childLink(index): index
        }
    }
}
