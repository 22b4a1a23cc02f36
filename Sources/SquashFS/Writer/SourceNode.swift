import CSquashFS

/// One entry of the source tree as `lstat` saw it, with what the image needs to record for it.
struct SourceNode {
    /// The entry's name in its directory (raw bytes; the root's is empty).
    var name: [UInt8]
    /// The full path, for errors.
    var path: String
    /// The full path's bytes with a terminating NUL, for system calls.
    var cPath: [CChar]
    /// `st_mode`: type and permission bits.
    var mode: UInt32
    /// Owner and group after the ownership map.
    var user: UInt32
    var group: UInt32
    /// Modification time in seconds, already fixed or clamped into 32 bits.
    var modificationTime: UInt32
    /// Size in bytes for regular files.
    var sizeBytes: UInt64
    /// Device number in the Linux "new" 32-bit encoding, for device nodes.
    var deviceNumber: UInt32
    /// Symlink target bytes.
    var linkTarget: [UInt8]
    /// Indices of the children in the node array, sorted by name bytes (directories only).
    var children: [Int]
    /// For the second and later names of a hard-linked file, the node that holds the inode.
    var hardLinkOf: Int?
    /// Number of names (files) or 2 + subdirectories (directories).
    var linkCount: UInt32
    /// Extended attributes to store (`user.`, `trusted.` and `security.` keys), sorted by key.
    var extendedAttributes: [(key: [UInt8], value: [UInt8])]
    /// The SquashFS inode number, from 1.
    var inodeNumber: UInt32
    /// For a regular file read from a tar archive, the offset of its data there; `nil` reads the file at `cPath`.
    var archiveOffset: Int64? = nil
    /// For a regular file kept from a source image, its inode there (owned by the image's loaded tree); its data is
    /// read through that image.
    var imageInode: UnsafePointer<sqfs_inode_generic_t>? = nil

    var isDirectory: Bool { mode & 0o170000 == 0o040000 }
    var isRegularFile: Bool { mode & 0o170000 == 0o100000 }

    /// Numbers the inodes in post order: every child gets its number before its directory, the root last; a
    /// hard link shares its first name's number.
    static func numberInodes(_ nodes: inout [SourceNode]) {
        var next: UInt32 = 1
        number(0, in: &nodes, next: &next)
    }

    private static func number(_ index: Int, in nodes: inout [SourceNode], next: inout UInt32) {
        for child in nodes[index].children {
            if nodes[child].isDirectory {
                number(child, in: &nodes, next: &next)
            } else if nodes[child].hardLinkOf == nil {
                nodes[child].inodeNumber = next
                next += 1
            }
        }
        nodes[index].inodeNumber = next
        next += 1
    }

    /// The Linux "new" 32-bit device encoding SquashFS stores: minor's low byte, 12 bits of major, then the rest
    /// of minor.
    static func deviceNumber(major: UInt32, minor: UInt32) -> UInt32 {
        (minor & 0xFF) | ((major & 0xFFF) << 8) | ((minor & ~0xFF) << 12)
    }

    /// Whether an extended attribute with this key can be stored (`user.`, `trusted.`, `security.`).
    static func isStorableAttribute(_ key: [UInt8]) -> Bool {
        [Array("user.".utf8), Array("trusted.".utf8), Array("security.".utf8)].contains { key.starts(with: $0) }
    }
}
